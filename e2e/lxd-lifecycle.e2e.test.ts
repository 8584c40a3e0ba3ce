/**
 * Real LXD with the LXD test image (a Debian system container), driven through the core's
 * contract: the image imported through Berth, exec readiness, cloud-init and the SSH key,
 * limits, a native mount, stop/start/restart, suspend and snapshots refused, delete/recover/
 * purge, an instance deleted behind Berth's back, and LXD restarted while Berth runs.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { OpenedCore } from '../src-main/core/core';
import { layout } from '../src-main/core/data-dir';
import { fileSha256 } from '../src-main/drivers/lxd/images';
import type { LxdDriver } from '../src-main/drivers/lxd/lxd-driver';
import { NO_VM_WARNING } from '../src-main/drivers/lxd/probe';
import type { InstanceInfo } from '../src-shared/api';
import { BerthSession } from './support/berth-session';
import { LXD_LOCK_WAIT_MS, lockLxd, lxdGuest } from './support/lxd-guest';
import { refusal } from './support/refusal';

const { image, reason } = await lxdGuest();
const MiB = 1024 ** 2;
/** A launch here takes 5-15 s; a restart of LXD a few more. */
const SLOW_MS = 120_000;
const repoRoot = resolve(import.meta.dirname, '..');
const serverPidSchema = z.object({
  environment: z.object({ server_pid: z.number().int().positive() }),
});
const USER_DATA = '#cloud-config\nruncmd:\n  - [touch, /root/user-data-ran]\n';

describe.skipIf(image === null)(`real LXD lifecycle ${reason ?? ''}`, () => {
  let berth: BerthSession;
  let box: InstanceInfo;

  const opened = () => berth.core as OpenedCore;
  const driver = () => opened().core.parts.registry.get('lxd') as LxdDriver;
  const ctx = (name: string) => opened().core.runtime().entry(name).ctx;
  const run = async (name: string, command: string) => {
    const result = await driver().exec(ctx(name), ['sh', '-c', command]);
    expect(result.code, `${command}: ${result.stderr}`).toBe(0);
    return result.stdout.trim();
  };
  const info = (name: string) => berth.call('instances.info', { name });
  const lxdHas = async (name: string) => {
    const client = await driver().client();
    return (await client.raw('GET', client.withProject(`/1.0/instances/${name}`))).status === 200;
  };

  /** Removes an image file's image from Berth's project, so the next launch imports it. */
  const forgetImage = async (file: string) => {
    const client = await driver().client();
    const fingerprint = await fileSha256(file);
    await client.run('DELETE', `/1.0/images/${fingerprint}`).catch(() => undefined);
    return fingerprint;
  };

  let unlock: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    unlock = await lockLxd();
    berth = await BerthSession.open();
    await berth.call('settings.set', { key: 'local.driver', value: 'lxd' });
  }, LXD_LOCK_WAIT_MS + 60_000);
  afterAll(async () => {
    await berth?.dispose();
    await unlock?.();
  });

  it('reports LXD available, with the reason virtual machines cannot run here', async () => {
    const lxd = (await berth.call('drivers.list', {})).find((d) => d.id === 'lxd');
    expect(lxd).toMatchObject({ available: true, isActive: true });
    expect(lxd?.version).toMatch(/^\d+\.\d+/);
    if (!lxd?.acceleration?.includes('virtual-machine')) {
      expect(lxd?.warnings).toContain(NO_VM_WARNING);
    }
  });

  it(
    'launches a container from a local image imported through Berth',
    async () => {
      if (!image) return;
      const fingerprint = await forgetImage(image);
      const began = Date.now();
      box = await berth.call('instances.launch', {
        name: 'box',
        image,
        cpus: 1,
        memoryBytes: 512 * MiB,
        userData: USER_DATA,
      });
      process.stderr.write(`[berth e2e] lxd launch to running: ${Date.now() - began} ms\n`);
      expect(box.state).toBe('running');
      expect(box.ssh).toMatchObject({ host: '127.0.0.1', user: 'ubuntu' });
      expect(box.instanceType).toBe('container');
      const client = await driver().client();
      const stored = await client.raw('GET', client.withProject(`/1.0/images/${fingerprint}`));
      expect(stored.status).toBe(200);
    },
    SLOW_MS,
  );

  it('runs commands through exec, with cloud-init and the SSH key applied', async () => {
    expect(await run('box', 'hostname')).toBe('box');
    expect(await run('box', 'ls /root')).toContain('user-data-ran');
    const key = await readFile(`${layout.sshKeyFile(berth.dataDir)}.pub`, 'utf8');
    const authorized = await run('box', 'cat /home/ubuntu/.ssh/authorized_keys');
    expect(authorized).toContain(key.trim().split(' ')[1]);
  });

  it('answers SSH through its loopback forward', async () => {
    expect((await berth.ssh(await info('box'), 'hostname')).trim()).toBe('box');
  });

  it('applies the CPU and memory limits', async () => {
    expect(await run('box', 'nproc')).toBe('1');
    // cgroup v2 first, then v1 (these machines run hybrid cgroups).
    const v2 = 'cat /sys/fs/cgroup/memory.max 2>/dev/null';
    const memory = await run('box', `${v2} || cat /sys/fs/cgroup/memory/memory.limit_in_bytes`);
    expect(Number(memory)).toBe(512 * MiB);
  });

  it('shares a host folder as a native mount', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-lxd-mount-'));
    try {
      await chmod(dir, 0o755);
      await writeFile(join(dir, 'hello.txt'), 'from the host\n', { mode: 0o644 });
      await driver().mount(ctx('box'), dir, '/mnt/host');
      expect(await run('box', 'cat /mnt/host/hello.txt')).toBe('from the host');
      await driver().unmount(ctx('box'), '/mnt/host');
      const after = await driver().exec(ctx('box'), ['test', '-e', '/mnt/host/hello.txt']);
      expect(after.code).not.toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('adds an extra network as a NIC on a host bridge', async () => {
    // A bridge of the host's own, without addresses, made and removed by this test.
    const bridge = 'berthtest0';
    await execa('ip', ['link', 'add', 'name', bridge, 'type', 'bridge']);
    try {
      const nic = await driver().addNetwork(ctx('box'), bridge);
      expect(nic).toBe('eth1');
      expect(await run('box', `ip -o link show ${nic}`)).toContain(nic);
      await driver().removeNetwork(ctx('box'), nic);
      const after = await driver().exec(ctx('box'), ['ip', 'link', 'show', nic]);
      expect(after.code).not.toBe(0);
    } finally {
      await execa('ip', ['link', 'del', bridge], { reject: false });
    }
  });

  it('refuses suspend and snapshots with the matrix reason, changing nothing', async () => {
    const suspend = await refusal(berth.call('instances.suspend', { name: 'box' }));
    expect(suspend.code).toBe('UNSUPPORTED');
    expect(suspend.message).toContain('Suspend is not supported by the LXD driver');
    const snapshot = await refusal(berth.call('snapshots.take', { instance: 'box' }));
    expect(snapshot.code).toBe('UNSUPPORTED');
    expect(snapshot.message).toContain('Snapshots are not supported by the LXD driver');
    expect((await info('box')).state).toBe('running');
    expect(await run('box', 'echo still-up')).toBe('still-up');
  });

  it(
    'stops, starts and restarts',
    async () => {
      const stopped = await berth.call('instances.stop', { name: 'box' });
      expect(stopped.state).toBe('stopped');
      expect(await lxdHas('box')).toBe(true);
      const started = await berth.call('instances.start', { name: 'box' });
      expect(started.state).toBe('running');
      const bootId = await run('box', 'cat /proc/sys/kernel/random/boot_id; cat /proc/1/stat');
      const restarted = await berth.call('instances.restart', { name: 'box' });
      expect(restarted.state).toBe('running');
      expect(await run('box', 'cat /proc/sys/kernel/random/boot_id; cat /proc/1/stat')).not.toBe(
        bootId,
      );
    },
    SLOW_MS,
  );

  it('finds its running container again after Berth restarts', async () => {
    await berth.reopen();
    const found = await info('box');
    expect(found).toMatchObject({ state: 'running', ssh: { host: '127.0.0.1' } });
    expect(await run('box', 'echo back')).toBe('back');
  });

  it(
    'reconnects to LXD after it restarts, and follows events again',
    async () => {
      const client = await driver().client();
      const { environment } = await client.get('/1.0', serverPidSchema);
      // SIGTERM ends the daemon but not its containers, as a restart or upgrade of LXD does.
      process.kill(environment.server_pid, 'SIGTERM');
      await waitFor(
        () => !driver().eventsConnected() && !processAlive(environment.server_pid),
        15_000,
      );
      await execa(join(repoRoot, 'scripts', 'services', 'lxd.sh'), ['start']);
      await waitFor(() => driver().eventsConnected(), 20_000);

      expect((await info('box')).state).toBe('running');
      const stopped = berth.waitForEvent(
        'instance.changed',
        (p) => p.name === 'box' && p.state === 'stopped',
        30_000,
      );
      // Stopped behind Berth's back: only the reconnected event stream can tell it.
      await client.run('PUT', '/1.0/instances/box/state', {
        json: { action: 'stop', force: true },
      });
      await stopped;
    },
    SLOW_MS,
  );

  it(
    'deletes, recovers and purges',
    async () => {
      await berth.call('instances.delete', { name: 'box' });
      expect(await info('box')).toMatchObject({ deleted: true, state: 'stopped' });
      const recovered = await berth.call('instances.recover', { name: 'box' });
      expect(recovered).toMatchObject({ deleted: false, state: 'stopped' });
      await berth.call('instances.delete', { name: 'box', purge: true });
      expect(await lxdHas('box')).toBe(false);
      const listed = await berth.call('instances.list', { includeDeleted: true });
      expect(listed.instances.map((i) => i.name)).not.toContain('box');
    },
    SLOW_MS,
  );

  it(
    'notices an instance deleted behind its back, from the event stream',
    async () => {
      if (!image) return;
      await berth.call('instances.launch', { name: 'gone', image, memoryBytes: 512 * MiB });
      const client = await driver().client();
      const stopped = berth.waitForEvent(
        'instance.changed',
        (p) => p.name === 'gone' && p.state === 'stopped',
        30_000,
      );
      await client.run('PUT', '/1.0/instances/gone/state', {
        json: { action: 'stop', force: true },
      });
      await client.run('DELETE', '/1.0/instances/gone');
      await stopped;
      expect((await info('gone')).state).toBe('stopped');
      const start = await refusal(berth.call('instances.start', { name: 'gone' }));
      expect(start.message).toMatch(/not found/i);
      await berth.call('instances.delete', { name: 'gone', purge: true });
    },
    SLOW_MS,
  );

  it('cancels a launch while it imports the image, leaving nothing behind', async () => {
    if (!image) return;
    await forgetImage(image);
    const importing = berth.waitForEvent(
      'operation.progress',
      (p) => p.operationId === 'cancel-lxd' && p.step === 'importing-image',
      30_000,
    );
    const launch = berth.call('instances.launch', {
      name: 'doomed',
      image,
      operationId: 'cancel-lxd',
    });
    await importing;
    expect(await berth.call('operations.cancel', { operationId: 'cancel-lxd' })).toEqual({
      cancelled: true,
    });
    await expect(launch).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await lxdHas('doomed')).toBe(false);
    const listed = await berth.call('instances.list', { includeDeleted: true });
    expect(listed.instances.map((i) => i.name)).not.toContain('doomed');
  });

  it('surfaces the server refusing a virtual machine as the reason, leaving nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-lxd-vm-'));
    try {
      const vmImage = await fakeVmImage(dir);
      const error = await refusal(berth.call('instances.launch', { name: 'vm', image: vmImage }));
      expect(error.code).toBe('HYPERVISOR_ERROR');
      expect(error.message).toContain('LXD refused to create the virtual-machine vm');
      if (!(await berth.call('drivers.list', {})).find((d) => d.id === 'lxd')?.warnings.length) {
        return; // A server that runs VMs would get past this point; this one cannot.
      }
      expect(error.message).toMatch(/not supported/i);
      expect(await lxdHas('vm')).toBe(false);
      const listed = await berth.call('instances.list', { includeDeleted: true });
      expect(listed.instances.map((i) => i.name)).not.toContain('vm');
      await forgetImage(vmImage);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A virtual-machine image tarball (metadata.yaml + an empty qcow2 rootfs.img). */
async function fakeVmImage(dir: string): Promise<string> {
  const metadata = 'architecture: x86_64\ncreation_date: 1700000000\nproperties: {}\n';
  await writeFile(join(dir, 'metadata.yaml'), metadata);
  await execa('qemu-img', ['create', '-f', 'qcow2', join(dir, 'rootfs.img'), '64M']);
  const tarball = join(dir, 'vm.tar.gz');
  await execa('tar', ['-C', dir, '-czf', tarball, 'metadata.yaml', 'rootfs.img']);
  return tarball;
}

async function waitFor(test: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
