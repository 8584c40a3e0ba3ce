/**
 * Replacing a file so that a crash at any moment leaves either the old or the new content at
 * its path, never a mix, and keeps the previous good copy beside it as `<path>.bak`.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Where the previous good copy of `path` is kept. */
export function backupPath(path: string): string {
  return `${path}.bak`;
}

/**
 * Writes `data` (UTF-8) to `path` atomically: a synced temp file in the same folder is renamed
 * over `path`, after the current file (if any) has been kept as `<path>.bak`.
 *
 * Known limitation: a crash between creating and renaming a temp file leaves that temp file
 * (`.<name>.<pid>.<random>.tmp`) behind; readers never look at it, nothing removes it yet.
 * Known limitation: on Windows, an antivirus or indexer holding `path` open can make the
 * rename fail with EPERM/EBUSY; the error is passed on, not retried.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeAndSync(temp, data);
    await keepBackup(path);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }

  // The renames live in the folder's entries; sync it so they survive a power cut too.
  await fsyncDirectory(dirname(path));
}

/**
 * Flushes a folder's entries (creations, renames) to disk. Does nothing where the platform
 * cannot sync a folder.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!isUnsupportedDirSync(error)) throw error;
  } finally {
    await handle?.close();
  }
}

/** A temp name beside `path`, unique across processes (pid) and concurrent writes (random). */
function tempPathFor(path: string): string {
  const unique = `${process.pid}.${randomBytes(6).toString('hex')}`;
  return join(dirname(path), `.${basename(path)}.${unique}.tmp`);
}

/** Creates `path` (it must not exist) holding `data`, and syncs it before returning. */
async function writeAndSync(path: string, data: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes `<path>.bak` the current content of `path`. The copy is prepared under a temp name and
 * renamed over `.bak`, so `.bak` is always a complete file. Does nothing if `path` is missing.
 */
async function keepBackup(path: string): Promise<void> {
  const temp = tempPathFor(backupPath(path));
  try {
    await linkOrCopy(path, temp);
    await rename(temp, backupPath(path));
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  } finally {
    // POSIX rename does nothing when both names already link one file (two writes racing to
    // back up the same content), which leaves the temp name behind; remove it either way.
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * A hard link costs no copy and shares the already-synced data of the current file. Some file
 * systems (FAT, exFAT, some network shares) have no hard links; there a synced copy stands in.
 */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
    return;
  } catch (error) {
    if (!LINK_UNSUPPORTED.has(errorCode(error) ?? '')) throw error;
  }

  await copyFile(from, to);
  const handle = await open(to, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Windows cannot open a folder for syncing (EISDIR, EPERM or EACCES), and some file systems
 * reject fsync on a folder (EINVAL). NTFS journals its metadata, so nothing is lost by skipping.
 */
function isUnsupportedDirSync(error: unknown): boolean {
  const code = errorCode(error);
  if (code === 'EINVAL') return true;
  return process.platform === 'win32' && ['EISDIR', 'EPERM', 'EACCES'].includes(code ?? '');
}

/** The `code` of a Node system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
