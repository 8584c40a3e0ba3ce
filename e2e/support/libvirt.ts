/**
 * Whether a libvirt daemon answers for the real-libvirt suites. Without one they skip with the
 * reason printed, except in CI, where a missing daemon fails.
 */
import { execa, execaSync } from 'execa';

/** The connection the suites use. */
export const LIBVIRT_URI = 'qemu:///system';

/** Why the real-libvirt suites cannot run here, or null when they can. */
export function libvirtMissing(): string | null {
  const found = execaSync('virsh', ['-c', LIBVIRT_URI, 'version', '--daemon'], { reject: false });
  if (found.exitCode === 0) return null;
  const reason = `libvirtd does not answer on ${LIBVIRT_URI} (scripts/services/libvirt.sh start)`;
  if (process.env.CI === 'true') throw new Error(`CI cannot skip real-libvirt tests: ${reason}`);
  process.stderr.write(`[berth e2e] skipping real-libvirt tests: ${reason}\n`);
  return reason;
}

/** Runs virsh on the suites' connection, never rejecting; returns trimmed stdout. */
export async function virsh(...args: string[]): Promise<string> {
  const result = await execa('virsh', ['-c', LIBVIRT_URI, ...args], { reject: false });
  return result.stdout.trim();
}

/** Destroys and undefines `domain` if it is there, so a failed test leaves nothing behind. */
export async function removeDomain(domain: string): Promise<void> {
  await virsh('destroy', domain);
  await virsh('undefine', domain, '--managed-save', '--nvram');
}
