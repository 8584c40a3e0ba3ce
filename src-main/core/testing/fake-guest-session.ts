/**
 * A GuestSession with no guest behind it, for unit tests of what sits on top of sessions
 * (the exec collector, the session registry, the handlers): the test prints into it, ends it,
 * and reads back what was typed into it.
 */
import type { GuestSession, GuestStream } from '../../drivers/driver';
import { SessionListeners } from '../session-listeners';

/** A session the test drives. */
export class FakeGuestSession implements GuestSession {
  /** Everything written to the command's input, as text. */
  typed = '';
  inputEnded = false;
  readonly sizes: [cols: number, rows: number][] = [];
  closed = false;
  private readonly listeners = new SessionListeners();

  /**
   * @param exitOnClose the exit code reported when the session is closed (a hung-up command
   *   ends), or 'stay-open' to end only when `exit` is called.
   */
  constructor(private readonly exitOnClose: number | null | 'stay-open' = 129) {}

  onData(listener: (data: Buffer, stream: GuestStream) => void): void {
    this.listeners.onData(listener);
  }

  onExit(listener: (exitCode: number | null) => void): void {
    this.listeners.onExit(listener);
  }

  write(data: Buffer): void {
    this.typed += data.toString('utf8');
  }

  endInput(): void {
    this.inputEnded = true;
  }

  resize(cols: number, rows: number): void {
    this.sizes.push([cols, rows]);
  }

  close(): void {
    this.closed = true;
    if (this.exitOnClose !== 'stay-open') this.exit(this.exitOnClose);
  }

  /** The command prints `text`. */
  print(text: string, stream: GuestStream = 'stdout'): void {
    this.listeners.data(Buffer.from(text), stream);
  }

  /** The command ends. */
  exit(code: number | null): void {
    this.listeners.exited(code);
  }
}
