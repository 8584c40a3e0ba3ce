/**
 * Runs `virsh` against one connection URI, always with an argument array. Failures become
 * BerthErrors carrying the tail of virsh's own message.
 */
import { execa, type ResultPromise } from 'execa';
import { BerthError } from '../../../src-shared/errors';
import { cancelled, lastLines } from '../qemu/errors';

const DEFAULT_TIMEOUT_MS = 120_000;

/** What one virsh call printed, whether or not it succeeded. */
export interface VirshResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** How long a call may take and what cancels it. */
export interface VirshCallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** True when virsh failed because the domain is not defined. */
export function isNoDomain(stderr: string): boolean {
  return /failed to get domain|domain not found|no domain with matching/i.test(stderr);
}

/** A virsh bound to a connection URI (read on every call, so a setting change applies). */
export class Virsh {
  constructor(
    readonly binary: string,
    private readonly uri: () => string,
  ) {}

  /** The connection URI calls use now. */
  get connection(): string {
    return this.uri();
  }

  /** Runs `virsh -c URI ...args`; never rejects for a non-zero exit. */
  async tryRun(args: string[], options: VirshCallOptions = {}): Promise<VirshResult> {
    const result = await execa(this.binary, ['-c', this.uri(), ...args], {
      reject: false,
      stdin: 'ignore',
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(options.signal ? { cancelSignal: options.signal } : {}),
    });
    if (result.isCanceled) throw cancelled(`virsh ${args[0] ?? ''}`);
    if (result.timedOut) {
      throw new BerthError('TIMEOUT', `virsh ${args[0] ?? ''} did not answer in time`);
    }
    return { ok: result.exitCode === 0, stdout: result.stdout, stderr: result.stderr };
  }

  /** Runs virsh and returns its stdout; rejects with HYPERVISOR_ERROR on failure. */
  async run(args: string[], options: VirshCallOptions = {}): Promise<string> {
    const result = await this.tryRun(args, options);
    if (result.ok) return result.stdout;
    throw virshError(`virsh ${args[0] ?? ''} failed`, result.stderr);
  }

  /** Starts a long-lived `virsh event --loop --all` printing one line per event. */
  spawnEventLoop(): ResultPromise<{ reject: false; stdin: 'ignore'; buffer: false }> {
    return execa(this.binary, ['-c', this.uri(), 'event', '--loop', '--all'], {
      reject: false,
      stdin: 'ignore',
      buffer: false,
    });
  }
}

/** A HYPERVISOR_ERROR with virsh's message ("error: ..." lines) as details. */
export function virshError(message: string, stderr: string): BerthError {
  const details = lastLines(stderr.replace(/^error: /gm, ''));
  return new BerthError('HYPERVISOR_ERROR', message, details.length > 0 ? details : undefined);
}
