/**
 * The owner lock: one process at a time owns a data folder. The lock is a file holding the
 * owner's pid; a lock whose process has died (or whose content is garbage) is stale and is
 * taken over.
 *
 * Known limitation: liveness is `process.kill(pid, 0)` on this machine. If a dead owner's pid
 * has been reused by an unrelated process, the lock looks live until that process exits or the
 * file is removed by hand; and a data folder shared between machines is not protected.
 */
import { mkdir, open, readFile, rmdir, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
import { BerthError } from '../../../src-shared/errors';
import type { Logger } from '../logger';
import { errorCode } from './atomic-file';

/** Thrown when a live process owns the data folder; `ownerPid` says which. */
export class OwnerLockBusy extends BerthError {
  constructor(
    readonly lockPath: string,
    readonly ownerPid: number,
  ) {
    super('BUSY', `Berth data folder ${dirname(lockPath)} is in use by process ${ownerPid}`);
    this.name = 'OwnerLockBusy';
  }
}

/** A held owner lock. */
export interface OwnerLock {
  /** Removes the lock file if it is still ours; safe to call more than once. */
  release(): Promise<void>;
}

const lockRecordSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.string(),
  hostname: z.string(),
});
type LockRecord = z.infer<typeof lockRecordSchema>;

/** What is at the lock path right now. */
type LockState =
  | { kind: 'gone' }
  | { kind: 'live'; pid: number }
  | { kind: 'forming' }
  | { kind: 'stale'; reason: string };

/** Garbage younger than this may be a lock whose owner is still writing it. */
const FORMING_GRACE_MS = 2_000;
/** Breaking takes microseconds; a break mutex older than this was left by a dead process. */
const BREAK_MUTEX_STALE_MS = 10_000;
const ACQUIRE_TIMEOUT_MS = 5_000;
const RETRY_DELAY_MS = 25;

/**
 * Lock paths held by this process. A lock file naming our own pid that is not in here was left
 * by an earlier process that had the same pid (common in containers), so it is stale.
 */
const heldHere = new Set<string>();

/**
 * Takes the owner lock at `lockPath`. Throws OwnerLockBusy (code BUSY) when a live process,
 * this one included, holds it.
 */
export async function acquireOwnerLock(lockPath: string, log: Logger): Promise<OwnerLock> {
  await mkdir(dirname(lockPath), { recursive: true });
  const deadline = Date.now() + ACQUIRE_TIMEOUT_MS;

  for (;;) {
    const record: LockRecord = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      hostname: hostname(),
    };
    if (await tryCreate(lockPath, record)) return holdLock(lockPath, record, log);

    const state = await inspectLock(lockPath);
    if (state.kind === 'live') throw new OwnerLockBusy(lockPath, state.pid);
    const retryNow =
      state.kind === 'gone' || (state.kind === 'stale' && (await breakStaleLock(lockPath, log)));

    if (Date.now() > deadline) {
      const message = `Berth data folder ${dirname(lockPath)} is being locked by another process`;
      throw new BerthError('BUSY', message);
    }
    if (!retryNow) await sleep(RETRY_DELAY_MS);
  }
}

/** The pid of the live process owning the lock at `lockPath`, or null if none does. */
export async function readOwner(lockPath: string): Promise<number | null> {
  const state = await inspectLock(lockPath);
  return state.kind === 'live' ? state.pid : null;
}

/** Whether a process with this pid exists on this machine. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

/** Creates the lock file exclusively (O_EXCL); false if one already exists. */
async function tryCreate(lockPath: string, record: LockRecord): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }

  try {
    await handle.writeFile(`${JSON.stringify(record)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Records the lock as held and returns its handle. */
function holdLock(lockPath: string, record: LockRecord, log: Logger): OwnerLock {
  const key = resolve(lockPath);
  heldHere.add(key);
  log.info('Took ownership of the data folder', { lockPath, pid: record.pid });

  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      const current = await readRecord(lockPath);
      const ours = current?.pid === record.pid && current.startedAt === record.startedAt;
      if (ours) await unlink(lockPath).catch(ignoreMissing);
      else log.warn('The owner lock no longer names this process; left it alone', { lockPath });
      heldHere.delete(key);
    },
  };
}

/** Classifies whatever is at the lock path. */
async function inspectLock(lockPath: string): Promise<LockState> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'gone' };
    throw error;
  }

  const record = parseRecord(text);
  if (!record) {
    // `wx` creates the file empty before its owner writes it; give that owner time to finish.
    const age = await ageMs(lockPath);
    if (age === null) return { kind: 'gone' };
    return age < FORMING_GRACE_MS ? { kind: 'forming' } : { kind: 'stale', reason: 'garbage' };
  }

  if (record.pid === process.pid) {
    if (heldHere.has(resolve(lockPath))) return { kind: 'live', pid: record.pid };
    return { kind: 'stale', reason: `left by an earlier process with pid ${record.pid}` };
  }
  if (isProcessAlive(record.pid)) return { kind: 'live', pid: record.pid };
  return { kind: 'stale', reason: `process ${record.pid} has exited` };
}

/**
 * Removes a stale lock so the caller can retry creating it. Returns false if another process
 * is breaking it right now.
 *
 * Why a mutex: two processes that both saw the same stale lock must not both delete "the lock",
 * because the second delete could hit the fresh lock the first has just created. Renaming the
 * stale file aside first has the same flaw (the second rename can grab the fresh lock). So
 * breaking happens under a `mkdir` mutex (mkdir is atomic everywhere), and the lock is
 * re-inspected under it: the second breaker then sees the first one's live lock and backs off.
 *
 * Known limitation: a mutex left by a process killed mid-break is cleared by age; two processes
 * clearing that same leftover mutex at the same instant could both go on to break.
 */
async function breakStaleLock(lockPath: string, log: Logger): Promise<boolean> {
  const mutex = `${lockPath}.break`;
  if (!(await takeMutex(mutex))) return false;

  try {
    const state = await inspectLock(lockPath);
    if (state.kind === 'stale') {
      await unlink(lockPath).catch(ignoreMissing);
      log.warn(`Took over a stale owner lock (${state.reason})`, { lockPath });
    }
    return true;
  } finally {
    await rmdir(mutex).catch(ignoreMissing);
  }
}

/** Takes the break mutex, clearing it first if its holder died; false if it is held. */
async function takeMutex(mutex: string): Promise<boolean> {
  try {
    await mkdir(mutex);
    return true;
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  }

  const age = await ageMs(mutex);
  if (age !== null && age > BREAK_MUTEX_STALE_MS) await rmdir(mutex).catch(ignoreMissing);
  return false;
}

/** The lock record at `lockPath`, or null if missing or unreadable. */
async function readRecord(lockPath: string): Promise<LockRecord | null> {
  try {
    return parseRecord(await readFile(lockPath, 'utf8'));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function parseRecord(text: string): LockRecord | null {
  try {
    const parsed = lockRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Milliseconds since `path` was last modified, or null if it is gone. */
async function ageMs(path: string): Promise<number | null> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function ignoreMissing(error: unknown): void {
  if (errorCode(error) !== 'ENOENT') throw error;
}
