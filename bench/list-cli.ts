/** `berth list` as a user types it: a whole process, with and without a running owner. */
import { resolve } from 'node:path';
import { execa } from 'execa';
import { since } from './stats';

const berthBin = resolve(import.meta.dirname, '..', 'bin', 'berth.mjs');

/** Runs `berth list` `rounds` times on `dataDir`; milliseconds per run. */
export async function timeCliList(dataDir: string, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = performance.now();
    await execa(process.execPath, [berthBin, 'list'], { env: { BERTH_HOME: dataDir } });
    times.push(since(started));
  }
  return times;
}
