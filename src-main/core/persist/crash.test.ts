/**
 * Crash safety: SIGKILL a process at random points while it writes documents; every file must
 * stay readable and hold either its old or its new state.
 *
 * Known limitation: SIGKILL stops the process, not the machine, so the OS still flushes what
 * was written. Power-loss safety rests on the fsync ordering in atomic-file.ts, not on this test.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { CRASH_FILES, crashDoc, crashDocSchema } from './crash-writer';
import { readJsonDocument } from './json-store';

/** Independent writers run side by side so 40 kills fit in a few seconds. */
const LANES = 4;
const ROUNDS_PER_LANE = 10;
const MIN_DELAY_MS = 5;
const MAX_DELAY_MS = 80;
const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('writeJsonDocument under SIGKILL', () => {
  it('always leaves each file readable with its old or new state', async () => {
    const commits = await Promise.all(Array.from({ length: LANES }, () => runLane()));

    // The kills must have landed among real writes, or the test proves nothing.
    const total = commits.reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThan(LANES * ROUNDS_PER_LANE);
  }, 60_000);
});

/** Runs one writer after another in a fresh folder, killing each; returns the commits seen. */
async function runLane(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-crash-'));
  dirs.push(dir);
  const state = new Map<string, number>(CRASH_FILES.map((name) => [name, 0]));
  let first = 1;
  let commits = 0;

  for (let round = 0; round < ROUNDS_PER_LANE; round++) {
    const reported = await writeUntilKilled(dir, first);
    commits += reported.length;

    for (const name of CRASH_FILES) {
      const counter = await readCounter(join(dir, name));
      const committed = reported.filter((line) => line.name === name).map((line) => line.counter);
      const old = committed.at(-1) ?? state.get(name) ?? 0;
      const next = committed.length > 0 ? old + 1 : first;
      expect([old, next], `${name} after round ${round}`).toContain(counter);
      state.set(name, counter);
    }
    first = Math.max(...state.values()) + 1;
  }

  const names = await readdir(dir);
  expect(names.filter((name) => name.includes('.corrupt-'))).toEqual([]);
  return commits;
}

/** Reads a file the way the core would, insisting that nothing had to be recovered. */
async function readCounter(path: string): Promise<number> {
  const { value, problem } = await readJsonDocument(path, crashDocSchema, {
    create: () => crashDoc(0),
    log: silentLogger,
  });
  expect(problem).toBeNull();
  return value.counter;
}

interface Commit {
  name: string;
  counter: number;
}

/** Starts a writer, SIGKILLs it a random moment after it starts writing, returns its commits. */
function writeUntilKilled(dir: string, first: number): Promise<Commit[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(first)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (!stdout.includes('started\n') && (stdout + chunk).includes('started\n')) {
      const delay = MIN_DELAY_MS + Math.random() * (MAX_DELAY_MS - MIN_DELAY_MS);
      setTimeout(() => child.kill('SIGKILL'), delay);
    }
    stdout += chunk;
  });

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer ended by itself (code ${code}): ${stderr}`));
        return;
      }
      resolve(parseCommits(stdout));
    });
  });
}

/** The complete `<file> <counter>` lines a writer printed. */
function parseCommits(stdout: string): Commit[] {
  const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line !== '' && line !== 'started')
    .map((line) => {
      const [name = '', counter = ''] = line.split(' ');
      return { name, counter: Number(counter) };
    });
}
