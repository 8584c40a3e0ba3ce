/** A TerminalIo for tests of `berth exec` and `berth shell`: type into it, read what it shows. */
import type { TerminalIo, TerminalSize } from '../commands/terminal-io';

/** A terminal (or a pair of pipes) the test drives. */
export class FakeTerminal implements TerminalIo {
  stdout = '';
  stderr = '';
  /** True while in raw mode. */
  raw = false;
  /** How many times raw mode was entered. */
  rawEntered = 0;
  current: TerminalSize = { cols: 80, rows: 24 };
  private readonly resizeListeners = new Set<() => void>();
  private readonly hangUpListeners = new Set<() => void>();
  private input: { onChunk(chunk: Buffer): Promise<void>; onEnd(): void } | null = null;

  constructor(
    readonly stdinIsTerminal: boolean,
    readonly stdoutIsTerminal = stdinIsTerminal,
  ) {}

  size(): TerminalSize {
    return this.current;
  }

  enterRawMode(): () => void {
    this.raw = true;
    this.rawEntered += 1;
    return () => {
      this.raw = false;
    };
  }

  onResize(listener: () => void): () => void {
    this.resizeListeners.add(listener);
    return () => this.resizeListeners.delete(listener);
  }

  onHangUp(listener: () => void): () => void {
    this.hangUpListeners.add(listener);
    return () => this.hangUpListeners.delete(listener);
  }

  readInput(onChunk: (chunk: Buffer) => Promise<void>, onEnd: () => void): () => void {
    this.input = { onChunk, onEnd };
    return () => {
      this.input = null;
    };
  }

  writeStdout(data: Buffer): void {
    this.stdout += data.toString('utf8');
  }

  writeStderr(data: Buffer): void {
    this.stderr += data.toString('utf8');
  }

  /** The user types (or the pipe delivers) `text`. */
  async type(text: string): Promise<void> {
    await this.input?.onChunk(Buffer.from(text));
  }

  /** The input ends (a pipe reaches its end). */
  endInput(): void {
    this.input?.onEnd();
  }

  /** The window changes size. */
  resize(cols: number, rows: number): void {
    this.current = { cols, rows };
    for (const listener of this.resizeListeners) listener();
  }

  /** The terminal window is closed. */
  hangUp(): void {
    for (const listener of [...this.hangUpListeners]) listener();
  }

  /** True while the command reads input. */
  get reading(): boolean {
    return this.input !== null;
  }
}
