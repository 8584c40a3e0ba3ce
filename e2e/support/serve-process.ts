/**
 * `berth serve` as a user runs it: a separate process on its own data folder, serving the
 * built window and the contract on loopback. Resolves once it has printed its URL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa, type ResultPromise } from 'execa';

const berthBin = resolve(import.meta.dirname, '..', '..', 'bin', 'berth.mjs');

/** A running `berth serve`. */
export interface ServedBerth {
  /** The URL it printed, token included. */
  url: string;
  /** Its origin, e.g. http://127.0.0.1:43121. */
  origin: string;
  dataDir: string;
  /** Ends the process (VMs are purged by the caller first) and removes the data folder. */
  stop(): Promise<void>;
}

/** Starts `berth serve` on `dataDir` (a new temporary folder when omitted). */
export async function startServe(dataDir?: string): Promise<ServedBerth> {
  const home = dataDir ?? (await mkdtemp(join(tmpdir(), 'berth-serve-')));
  const child = execa(process.execPath, [berthBin, 'serve'], {
    env: { BERTH_HOME: home, BERTH_LOG_LEVEL: 'debug' },
    reject: false,
    stdin: 'ignore',
  });
  const url = await firstUrl(child);
  const stop = async () => {
    child.kill('SIGTERM');
    await child;
    if (!dataDir) await rm(home, { recursive: true, force: true });
  };
  return { url, origin: new URL(url).origin, dataDir: home, stop };
}

function firstUrl(child: ResultPromise): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`berth serve printed no URL: ${seen}`)),
      20_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(seen);
      if (!match) return;
      clearTimeout(timer);
      resolvePromise(match[0]);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
    });
    void child.then((result) => {
      clearTimeout(timer);
      reject(new Error(`berth serve exited (${result.exitCode}): ${seen}`));
    });
  });
}
