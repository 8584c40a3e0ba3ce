/**
 * `npm run bench`: Berth against the raw hypervisor in the same run.
 * - boot: Berth's launch-to-running and start-to-running over a raw `qemu-system` boot of the
 *   same tiny guest to its first SSH login (goal: ratio <= 1.05);
 * - list: `instances.list` latency with 20 instances in the scope (goal: <= 5 ms);
 * - window: load of a 1,000-instance list and filter keystroke to paint (bench/window.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyGuest } from '../e2e/support/guests';
import { buildSeedDocuments } from '../src-main/cloud-init/seed-documents';
import { writeSeedIso } from '../src-main/cloud-init/seed-iso';
import { openCore } from '../src-main/core/core';
import { layout } from '../src-main/core/data-dir';
import { silentLogger } from '../src-main/core/logger';
import { ensureSshKeyPair } from '../src-main/ssh/keys';
import { launchToRunning, purge, startToRunning, timeList } from './berth-boot';
import { timeCliList } from './list-cli';
import { writeListFixture } from './list-fixture';
import { listOverSocket } from './list-socket';
import { rawBootToSsh } from './raw-qemu';
import { median, ms, percentile } from './stats';
import { windowBench } from './window';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MEMORY_MIB = 512;
const out = (line: string) => process.stdout.write(`${line}\n`);

async function bootBench(): Promise<void> {
  const { guest, reason } = tinyGuest();
  if (ROUNDS < 1) {
    out('boot: skipped (BENCH_ROUNDS=0)');
    return;
  }
  if (!guest) {
    out(`boot: skipped (${reason})`);
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-bench-'));
  const identity = await ensureSshKeyPair(layout.sshKeyFile(dataDir));
  const seedIso = join(dataDir, 'raw-seed.iso');
  const documents = buildSeedDocuments({
    instanceName: 'raw',
    instanceId: 'raw-1',
    publicKey: identity.publicKey,
    sshUser: 'ubuntu',
    macAddress: '52:54:00:12:34:56',
  });
  await writeSeedIso(seedIso, documents, { log: silentLogger });
  const core = await openCore({ dataDir, logger: silentLogger });
  const raw: number[] = [];
  const launch: number[] = [];
  const start: number[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      raw.push(await rawBootToSsh(guest, seedIso, identity.privateKey, dataDir, MEMORY_MIB));
      const name = `bench-${round}`;
      launch.push(await launchToRunning(core, guest, name, MEMORY_MIB));
      start.push(await startToRunning(core, name));
      await purge(core, name);
      out(
        `  round ${round}: raw ${ms(raw.at(-1) ?? 0)}, launch ${ms(launch.at(-1) ?? 0)}, ` +
          `start ${ms(start.at(-1) ?? 0)}`,
      );
    }
  } finally {
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  const base = median(raw);
  out(`raw qemu-system boot to SSH (median of ${ROUNDS}): ${ms(base)}`);
  out(
    `berth launch to running: ${ms(median(launch))}  ratio ${(median(launch) / base).toFixed(3)}`,
  );
  out(`berth start to running:  ${ms(median(start))}  ratio ${(median(start) / base).toFixed(3)}`);
}

async function listBench(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-bench-list-'));
  await writeListFixture(dataDir, 20);
  const core = await openCore({ dataDir, logger: silentLogger });
  try {
    const inProcess: number[] = [];
    for (let i = 0; i < 500; i += 1) inProcess.push(await timeList(core));
    out(
      `list, 20 instances, in-process: median ${ms(median(inProcess))}, ` +
        `p95 ${ms(percentile(inProcess, 95))}`,
    );
    const socket = await listOverSocket(core, dataDir, 200);
    out(
      `list, 20 instances, over the local socket: median ${ms(median(socket))}, ` +
        `p95 ${ms(percentile(socket, 95))}`,
    );
  } finally {
    await core.close();
  }
  const cli = await timeCliList(dataDir, 5);
  out(`berth list as a process, no owner running (opens the core): median ${ms(median(cli))}`);
  await rm(dataDir, { recursive: true, force: true });
}

out(`Berth benchmarks (${new Date().toISOString()}, rounds: ${ROUNDS})`);
await listBench();
await (await import('./libvirt-list')).libvirtListBench(out);
await (await import('./lxd-list')).lxdListBench(out);
await windowBench(out);
await bootBench();
