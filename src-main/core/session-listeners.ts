/**
 * The listening half every GuestSession shares, whatever carries it (LXD's websockets, SSH):
 * output that arrives before `onData` is set is held for it, and the exit is reported once,
 * after the last output, even to a listener set late.
 */
import type { GuestSession, GuestStream } from '../drivers/driver';

type DataListener = (data: Buffer, stream: GuestStream) => void;
type ExitListener = (exitCode: number | null) => void;

/** Collects a session's output and exit for its listeners. */
export class SessionListeners implements Pick<GuestSession, 'onData' | 'onExit'> {
  private dataListener: DataListener | null = null;
  private exitListener: ExitListener | null = null;
  private held: [Buffer, GuestStream][] = [];
  private outcome: { code: number | null } | null = null;

  /** True once the exit has been reported. */
  get hasExited(): boolean {
    return this.outcome !== null;
  }

  onData(listener: DataListener): void {
    this.dataListener = listener;
    for (const [data, stream] of this.held.splice(0)) listener(data, stream);
  }

  onExit(listener: ExitListener): void {
    this.exitListener = listener;
    if (this.outcome) listener(this.outcome.code);
  }

  /** Hands output on, or holds it until a listener is set; nothing after the exit. */
  data(data: Buffer, stream: GuestStream): void {
    if (this.outcome || data.length === 0) return;
    if (this.dataListener) this.dataListener(data, stream);
    else this.held.push([data, stream]);
  }

  /** Reports the exit; later calls are ignored. */
  exited(code: number | null): void {
    if (this.outcome) return;
    this.outcome = { code };
    this.exitListener?.(code);
  }
}
