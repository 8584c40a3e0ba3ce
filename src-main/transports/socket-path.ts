/**
 * Where the owner's local socket lives, and getting that place ready to listen on.
 * Both the server and the client call `socketPathFor`, so they always agree.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, unlink } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BerthError } from '../../src-shared/errors';
import { layout } from '../core/data-dir';

/**
 * Longest unix socket path, in bytes: `sun_path` is 108 bytes on Linux and 104 on macOS,
 * one of which is the terminating NUL.
 */
export function maxSocketPathBytes(platform: NodeJS.Platform = process.platform): number {
  return platform === 'linux' ? 107 : 103;
}

/**
 * The socket path for a data directory: `<data>/berth.sock`, or, when that is too long for a
 * unix socket, `<tmp>/berth-<hash of data dir>/berth.sock`. A named pipe on Windows.
 */
export function socketPathFor(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): string {
  const preferred = layout.socketPath(dataDir);
  if (platform === 'win32') return preferred;
  if (Buffer.byteLength(preferred) <= maxSocketPathBytes(platform)) return preferred;

  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return join(tmpdir(), `berth-${hash}`, 'berth.sock');
}

/** True for the connect errors that mean nobody is serving at a path. */
export function isNobodyListening(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ECONNREFUSED';
}

/**
 * Gets `path` ready for `listen`: makes the fallback directory private, and removes a socket
 * file left by an owner that died. Throws BUSY when a live process is serving there.
 */
export async function prepareSocketPath(path: string, dataDir: string): Promise<void> {
  if (process.platform === 'win32') return;
  if (path !== layout.socketPath(dataDir)) await ensurePrivateDir(dirname(path));
  if (!(await isStaleSocket(path))) return;
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** True when a socket file exists and nobody answers on it; false when there is no file. */
async function isStaleSocket(path: string): Promise<boolean> {
  const stat = await lstat(path).catch(() => null);
  if (!stat) return false;
  if (!stat.isSocket()) {
    throw new BerthError('INTERNAL', `${path} exists and is not a socket; remove it and retry`);
  }
  const live = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', (error) => resolve(!isNobodyListening(error)));
  });
  if (live) throw new BerthError('BUSY', `Another Berth process is already serving ${path}`);
  return true;
}

/**
 * Creates the fallback socket directory with mode 0700. The shared temp dir is writable by
 * everyone, so a directory someone else made (or a symlink) is refused rather than used.
 */
async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stat = await lstat(dir);
  const ownedByUs = process.getuid === undefined || stat.uid === process.getuid();
  if (!stat.isDirectory() || !ownedByUs || (stat.mode & 0o077) !== 0) {
    throw new BerthError('INTERNAL', `${dir} is not a private directory of this user`, [
      'Remove it, or set BERTH_HOME to a shorter path.',
    ]);
  }
}
