/** Turns what QEMU and qemu-img print on failure into errors people can act on. */
import { BerthError } from '../../../src-shared/errors';

/** The last `count` non-empty lines of a tool's output. */
export function lastLines(output: string, count = 8): string[] {
  return output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0)
    .slice(-count);
}

/** A HYPERVISOR_ERROR carrying the tail of the tool's stderr as details. */
export function hypervisorError(message: string, stderr: string): BerthError {
  const details = lastLines(stderr);
  return new BerthError('HYPERVISOR_ERROR', message, details.length > 0 ? details : undefined);
}

/** True when qemu-img failed because a running QEMU holds the image. */
export function isLockError(stderr: string): boolean {
  return /Failed to get .*lock|Is another process using the image/i.test(stderr);
}

/** True when QEMU could not bind the SSH forward's port (someone took it meanwhile). */
export function isPortInUse(stderr: string): boolean {
  return /Could not set up host forwarding rule/i.test(stderr);
}

/** The error for an operation that was aborted. */
export function cancelled(what: string): BerthError {
  return new BerthError('CANCELLED', `${what} was cancelled`);
}
