/**
 * `list` under the libvirt driver against a raw `virsh list --all` in the same run: the
 * in-process contract call, and `berth list` as a process (which opens the core and attaches
 * to each instance's domain), on a scope of 20 stopped instances.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { type Core, openCore } from '../src-main/core/core';
import { silentLogger } from '../src-main/core/logger';
import { timeCliList } from './list-cli';
import { writeListFixture } from './list-fixture';
import { median, ms, percentile, since } from './stats';

const URI = 'qemu:///system';
const INSTANCES = 20;

async function call(core: Core, method: string, params: unknown): Promise<void> {
  const outcome = await core.dispatcher.dispatch(method, params);
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
}

async function timeVirshList(rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = performance.now();
    await execa('virsh', ['-c', URI, 'list', '--all']);
    times.push(since(started));
  }
  return times;
}

/** Runs the libvirt list bench, printing through `out`; skips with the reason without a daemon. */
export async function libvirtListBench(out: (line: string) => void): Promise<void> {
  const daemon = await execa('virsh', ['-c', URI, 'version', '--daemon'], { reject: false });
  if (daemon.exitCode !== 0) {
    out(`libvirt list: skipped (libvirtd does not answer on ${URI})`);
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-bench-libvirt-'));
  try {
    await writeListFixture(dataDir, INSTANCES);
    const core = await openCore({ dataDir, logger: silentLogger });
    try {
      const began = performance.now();
      await call(core, 'settings.set', { key: 'local.driver', value: 'libvirt' });
      out(`libvirt: switch with ${INSTANCES} stopped instances attached: ${ms(since(began))}`);
      const inProcess: number[] = [];
      for (let i = 0; i < 500; i += 1) {
        const started = performance.now();
        await call(core, 'instances.list', {});
        inProcess.push(since(started));
      }
      out(
        `libvirt list, ${INSTANCES} instances, in-process: median ${ms(median(inProcess))}, ` +
          `p95 ${ms(percentile(inProcess, 95))}`,
      );
    } finally {
      await core.close();
    }
    const cli = await timeCliList(dataDir, 5);
    out(`libvirt: berth list as a process (opens the core): median ${ms(median(cli))}`);
    const raw = await timeVirshList(20);
    out(`raw virsh list --all as a process: median ${ms(median(raw))}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
