/**
 * `list` under the LXD driver against LXD's own REST listing, in the same run: Berth's
 * `instances.list` with a few real containers in the scope, over a raw
 * `GET /1.0/instances?recursion=1` (and `recursion=2`, which adds state, as `lxc list` asks).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lxdGuest } from '../e2e/support/lxd-guest';
import { type OpenedCore, openCore } from '../src-main/core/core';
import { silentLogger } from '../src-main/core/logger';
import type { LxdDriver } from '../src-main/drivers/lxd/lxd-driver';
import { fromErrorEnvelope } from '../src-shared/errors';
import { median, ms, percentile, since } from './stats';

const INSTANCES = Number(process.env.BENCH_LXD_INSTANCES ?? 3);
const ROUNDS = 300;

async function call(core: OpenedCore, method: string, params: unknown): Promise<unknown> {
  const outcome = await core.dispatcher.dispatch(method, params);
  if (!outcome.ok) throw fromErrorEnvelope(outcome.error);
  return outcome.result;
}

async function timeRounds(action: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    await action();
    times.push(since(started));
  }
  return times;
}

/** Runs the LXD list benchmark, printing through `out`; skips with the reason without LXD. */
export async function lxdListBench(out: (line: string) => void): Promise<void> {
  const { image, reason } = await lxdGuest();
  if (!image) {
    out(`lxd list: skipped (${reason})`);
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-bench-lxd-'));
  const core = await openCore({ dataDir, logger: silentLogger });
  const names = Array.from({ length: INSTANCES }, (_, i) => `bench-lxd-${i + 1}`);
  try {
    await call(core, 'settings.set', { key: 'local.driver', value: 'lxd' });
    const launches: number[] = [];
    for (const name of names) {
      const started = performance.now();
      await call(core, 'instances.launch', { name, image, memoryBytes: 512 * 1024 ** 2 });
      launches.push(since(started));
    }
    out(`lxd launch to running (median of ${INSTANCES}): ${ms(median(launches))}`);

    const client = await (core.core.parts.registry.get('lxd') as LxdDriver).client();
    const rest = (recursion: number) => () =>
      client.raw('GET', client.withProject(`/1.0/instances?recursion=${recursion}`));
    const berth = await timeRounds(() => call(core, 'instances.list', {}));
    const raw1 = await timeRounds(rest(1));
    const raw2 = await timeRounds(rest(2));
    const line = (label: string, times: number[]) =>
      out(`${label}: median ${ms(median(times))}, p95 ${ms(percentile(times, 95))}`);
    line(`lxd list, ${INSTANCES} containers, berth in-process`, berth);
    line('lxd raw REST GET /1.0/instances?recursion=1', raw1);
    line('lxd raw REST GET /1.0/instances?recursion=2', raw2);
    const ratio = median(berth) / Math.max(median(raw1), 0.001);
    out(`lxd list ratio berth/raw recursion=1: ${ratio.toFixed(3)} (goal <= 1)`);
  } finally {
    for (const name of names) {
      await call(core, 'instances.delete', { name, purge: true }).catch(() => undefined);
    }
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
