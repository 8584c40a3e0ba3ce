/**
 * Finds what the real-LXD suites need: a local LXD daemon that trusts us and the LXD test
 * image built by `npm run guests`. Without them the suites skip with the reason printed,
 * except in CI, where a missing prerequisite fails.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { probeLxd } from '../../src-main/drivers/lxd/probe';

const root = resolve(import.meta.dirname, '..', '..');
const guestsDir = process.env.BERTH_GUESTS_DIR ?? join(root, '.cache', 'guests');

/** The LXD test image (a unified tarball), or the reason the suites cannot run. */
export async function lxdGuest(): Promise<{ image: string | null; reason: string | null }> {
  const probe = await probeLxd();
  if (!probe.probe.available) {
    return { image: null, reason: announce(`${probe.probe.reason}; ${probe.probe.fix}`) };
  }
  const image = join(guestsDir, 'lxd', 'image.tar.gz');
  if (!existsSync(image)) {
    return { image: null, reason: announce(`LXD test image not built (npm run guests): ${image}`) };
  }
  return { image, reason: null };
}

/** Prints why a real-LXD suite skips; in CI a skip is a failure, so it throws instead. */
function announce(reason: string): string {
  if (process.env.CI === 'true') throw new Error(`CI cannot skip real-LXD tests: ${reason}`);
  process.stderr.write(`[berth e2e] skipping real-LXD tests: ${reason}\n`);
  return reason;
}

const LOCK_DIR = join(tmpdir(), 'berth-lxd-suites.lock');
/** Long enough for the other LXD suites to finish, one after another. */
export const LXD_LOCK_WAIT_MS = 600_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the machine-wide lock of the real-LXD suites and returns its release. Vitest runs test
 * files in parallel workers, and one suite restarts the LXD daemon, which others must not see
 * happen halfway through. A lock left by a dead process is taken over.
 */
export async function lockLxd(): Promise<() => Promise<void>> {
  const deadline = Date.now() + LXD_LOCK_WAIT_MS;
  const owner = join(LOCK_DIR, 'pid');
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      await writeFile(owner, String(process.pid));
      return () => rm(LOCK_DIR, { recursive: true, force: true });
    } catch {
      const pid = Number(await readFile(owner, 'utf8').catch(() => '0'));
      if (pid > 0 && !alive(pid)) await rm(LOCK_DIR, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('another LXD suite held the lock too long');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
