/**
 * `instances.exec`: runs a command in a guest to its end and hands back its exit code and
 * output. The output kept is capped, the run has a deadline, and it can be cancelled; a
 * command cut short is ended in the guest too, not left running.
 */
import { BerthError } from '../../src-shared/errors';
import type { GuestSession, GuestStream } from '../drivers/driver';

/** How long a command may run when the request does not say, in ms (as Multipass allows). */
export const DEFAULT_EXEC_TIMEOUT_MS = 300_000;
/**
 * Output kept per command, stdout and stderr together, in bytes. The reply is one JSON frame
 * of at most 64 MiB, and JSON may spell one control byte as six ("\u001b"), so 8 MiB always
 * fits.
 */
export const MAX_CAPTURE_BYTES = 8 * 1024 * 1024;

/** What a finished command did. */
export interface ExecOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Limits on one run. */
export interface ExecLimits {
  timeoutMs: number;
  signal: AbortSignal;
  maxCaptureBytes?: number;
}

/**
 * Waits for `session` to end and collects its output. Throws TIMEOUT or CANCELLED (after
 * closing the session), or HYPERVISOR_ERROR when the connection to the guest was lost.
 */
export function collectOutput(session: GuestSession, limits: ExecLimits): Promise<ExecOutcome> {
  const capture = new CappedCapture(limits.maxCaptureBytes ?? MAX_CAPTURE_BYTES);
  session.onData((data, stream) => capture.add(data, stream));
  // The command gets an empty input, so one that reads it does not wait forever.
  session.endInput();

  return new Promise<ExecOutcome>((resolve, reject) => {
    let settled = false;
    const stop = (error: BerthError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
      session.close();
    };
    const timer = setTimeout(() => {
      const seconds = Math.round(limits.timeoutMs / 1000);
      stop(
        new BerthError('TIMEOUT', `The command did not finish within ${seconds} s; it was stopped`),
      );
    }, limits.timeoutMs);
    const onAbort = () => stop(new BerthError('CANCELLED', 'The command was cancelled'));
    if (limits.signal.aborted) return onAbort();
    limits.signal.addEventListener('abort', onAbort, { once: true });

    session.onExit((exitCode) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal.removeEventListener('abort', onAbort);
      if (exitCode === null) {
        reject(new BerthError('HYPERVISOR_ERROR', 'The connection to the guest was lost'));
      } else {
        resolve({ exitCode, ...capture.texts() });
      }
    });
  });
}

/** Keeps output up to a total size and notes on stderr what was dropped. */
class CappedCapture {
  private readonly chunks: Record<GuestStream, Buffer[]> = { stdout: [], stderr: [] };
  private kept = 0;
  private dropped = 0;

  constructor(private readonly maxBytes: number) {}

  add(data: Buffer, stream: GuestStream): void {
    const room = Math.max(0, this.maxBytes - this.kept);
    const part = data.length <= room ? data : data.subarray(0, room);
    if (part.length > 0) this.chunks[stream].push(part);
    this.kept += part.length;
    this.dropped += data.length - part.length;
  }

  texts(): { stdout: string; stderr: string } {
    const text = (stream: GuestStream) => Buffer.concat(this.chunks[stream]).toString('utf8');
    const note =
      this.dropped > 0
        ? `\nberth: output truncated: only the first ${this.maxBytes} bytes were kept ` +
          `(${this.dropped} more dropped)\n`
        : '';
    return { stdout: text('stdout'), stderr: text('stderr') + note };
  }
}
