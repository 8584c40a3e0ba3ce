/**
 * Finds the test guests built by `npm run guests`. Without them (or without QEMU) the real-VM
 * suites skip with the reason printed, except in CI, where a missing prerequisite fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execaSync } from 'execa';

/** The tiny direct-kernel guest's files. */
export interface TinyGuest {
  disk: string;
  kernel: string;
  initrd: string;
  cmdline: string;
}

const root = resolve(import.meta.dirname, '..', '..');
const guestsDir = process.env.BERTH_GUESTS_DIR ?? join(root, '.cache', 'guests');

function qemuMissing(): string | null {
  const found = execaSync('which', ['qemu-system-x86_64', 'qemu-img'], { reject: false });
  return found.exitCode === 0 ? null : 'qemu-system-x86_64 or qemu-img is not installed';
}

/** Why the real-VM suites cannot run here, or null when they can. */
function missing(files: string[]): string | null {
  const qemu = qemuMissing();
  if (qemu) return qemu;
  const absent = files.filter((f) => !existsSync(f));
  return absent.length > 0 ? `test guest not built (npm run guests): ${absent.join(', ')}` : null;
}

/** The tiny guest, or the reason it is not available. */
export function tinyGuest(): { guest: TinyGuest | null; reason: string | null } {
  const dir = join(guestsDir, 'tiny');
  const files = ['disk.qcow2', 'vmlinuz', 'initrd.img', 'cmdline'].map((f) => join(dir, f));
  const reason = missing(files);
  if (reason) return { guest: null, reason: announce(reason) };
  const [disk = '', kernel = '', initrd = '', cmdlineFile = ''] = files;
  const cmdline = readFileSync(cmdlineFile, 'utf8').trim();
  return { guest: { disk, kernel, initrd, cmdline }, reason: null };
}

/** The cloud-init UEFI guest's disk, or the reason it is not available. */
export function cloudGuest(): { disk: string | null; reason: string | null } {
  const disk = join(guestsDir, 'cloud', 'disk.qcow2');
  const reason = missing([disk]);
  return reason ? { disk: null, reason: announce(reason) } : { disk, reason: null };
}

/** Prints why a real-VM suite skips; in CI a skip is a failure, so it throws instead. */
function announce(reason: string): string {
  if (process.env.CI === 'true') throw new Error(`CI cannot skip real-QEMU tests: ${reason}`);
  process.stderr.write(`[berth e2e] skipping real-QEMU tests: ${reason}\n`);
  return reason;
}
