import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger, memorySink } from '../logger';
import { acquireOwnerLock, OwnerLockBusy, readOwner } from './owner-lock';

let dir: string;
let lockPath: string;
let sink: ReturnType<typeof memorySink>;
let log: Logger;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-lock-'));
  lockPath = join(dir, 'owner.lock');
  sink = memorySink();
  log = createLogger(sink, 'debug');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not spawn node');
  return child.pid;
}

async function writeLock(pid: number): Promise<void> {
  const record = { pid, startedAt: new Date().toISOString(), hostname: hostname() };
  await writeFile(lockPath, JSON.stringify(record));
}

describe('acquireOwnerLock', () => {
  it('writes the owner record and removes it on release', async () => {
    const lock = await acquireOwnerLock(lockPath, log);

    const record = JSON.parse(await readFile(lockPath, 'utf8'));
    expect(record).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(Date.parse(record.startedAt)).not.toBeNaN();
    expect(await readOwner(lockPath)).toBe(process.pid);

    await lock.release();
    await lock.release();
    expect(await readOwner(lockPath)).toBeNull();
    await (await acquireOwnerLock(lockPath, log)).release();
  });

  it('refuses a second owner in the same process with BUSY naming the pid', async () => {
    const lock = await acquireOwnerLock(lockPath, log);

    const second = acquireOwnerLock(lockPath, log);

    await expect(second).rejects.toBeInstanceOf(OwnerLockBusy);
    await expect(second).rejects.toMatchObject({ code: 'BUSY', ownerPid: process.pid });
    await expect(second).rejects.toThrow(`${dir} is in use by process ${process.pid}`);
    await lock.release();
  });

  it('refuses when another live process owns the folder', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeLock(other.pid ?? 0);

      await expect(acquireOwnerLock(lockPath, log)).rejects.toMatchObject({
        code: 'BUSY',
        ownerPid: other.pid,
      });
      expect(await readOwner(lockPath)).toBe(other.pid);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock whose process has exited', async () => {
    const pid = deadPid();
    await writeLock(pid);
    expect(await readOwner(lockPath)).toBeNull();

    const lock = await acquireOwnerLock(lockPath, log);

    expect(await readOwner(lockPath)).toBe(process.pid);
    expect(sink.lines.some((l) => l.includes('WARN') && l.includes(`process ${pid}`))).toBe(true);
    await lock.release();
  });

  it('takes over a lock left by an earlier process that had this pid', async () => {
    await writeLock(process.pid);

    const lock = await acquireOwnerLock(lockPath, log);

    expect(await readOwner(lockPath)).toBe(process.pid);
    await lock.release();
  });

  it('takes over a garbage lock file', async () => {
    await writeFile(lockPath, 'not a lock');
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockPath, longAgo, longAgo);

    const lock = await acquireOwnerLock(lockPath, log);

    expect(await readOwner(lockPath)).toBe(process.pid);
    await lock.release();
  });

  it('waits for a fresh empty lock to be written before taking it over', async () => {
    // An empty file is what a competitor's `wx` leaves until it writes its record.
    await writeFile(lockPath, '');
    const started = Date.now();

    const lock = await acquireOwnerLock(lockPath, log);

    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(await readOwner(lockPath)).toBe(process.pid);
    await lock.release();
  });

  it('leaves the lock file alone on release if it no longer names this owner', async () => {
    const lock = await acquireOwnerLock(lockPath, log);
    const pid = deadPid();
    await writeLock(pid);

    await lock.release();

    expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(pid);
  });
});

describe('acquireOwnerLock racing across processes', () => {
  it('lets exactly one of many processes win a free lock', async () => {
    await expectOneWinner(await race(8));
  });

  it('lets exactly one of many processes win when they all break one stale lock', async () => {
    await writeLock(deadPid());
    await expectOneWinner(await race(8));
  });

  it('lets exactly one of many processes win when they all break one garbage lock', async () => {
    await writeFile(lockPath, '{"pid":');
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockPath, longAgo, longAgo);
    await expectOneWinner(await race(8));
  });
});

/** A child that waits for "go", tries the lock, says "won" or "busy <pid>", then holds on. */
const contenderCode = (path: string): string => `
  import { acquireOwnerLock, OwnerLockBusy } from ${JSON.stringify(moduleUrl('owner-lock.ts'))};
  import { silentLogger } from ${JSON.stringify(moduleUrl('../logger.ts'))};
  process.stdout.write('ready\\n');
  process.stdin.once('data', async () => {
    try {
      await acquireOwnerLock(${JSON.stringify(path)}, silentLogger);
      process.stdout.write('won\\n');
    } catch (error) {
      if (!(error instanceof OwnerLockBusy)) throw error;
      process.stdout.write('busy ' + error.ownerPid + '\\n');
    }
    process.stdin.once('end', () => process.exit(0));
  });
`;

function moduleUrl(relative: string): string {
  return new URL(relative, import.meta.url).href;
}

interface Outcome {
  pid: number;
  result: string;
}

/** Starts `count` contenders, releases them at once, and collects what each got. */
async function race(count: number): Promise<Outcome[]> {
  const args = ['--import', 'tsx', '--input-type=module', '-e', contenderCode(lockPath)];
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, args, { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const lines = children.map((child) => linesOf(child));

  await Promise.all(lines.map((next) => next()));
  for (const child of children) child.stdin?.write('go\n');
  const results = await Promise.all(lines.map((next) => next()));

  for (const child of children) child.stdin?.end();
  await Promise.all(children.map((child) => new Promise((done) => child.once('exit', done))));
  return children.map((child, i) => ({ pid: child.pid ?? 0, result: results[i] ?? '' }));
}

/** Reads a child's stdout a line at a time: each call resolves with the next line. */
function linesOf(child: ChildProcess): () => Promise<string> {
  const buffered: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else buffered.push(line);
    }
  });
  return () => {
    const line = buffered.shift();
    return line !== undefined ? Promise.resolve(line) : new Promise((r) => waiting.push(r));
  };
}

async function expectOneWinner(outcomes: Outcome[]): Promise<void> {
  const winners = outcomes.filter((o) => o.result === 'won');
  expect(winners).toHaveLength(1);
  const winner = winners[0]?.pid;
  const losers = outcomes.filter((o) => o.result !== 'won').map((o) => o.result);
  expect(losers).toEqual(Array(outcomes.length - 1).fill(`busy ${winner}`));
}
