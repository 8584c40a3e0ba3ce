/**
 * Real QEMU (TCG) with the tiny test guest, driven through the core's contract: launch to SSH,
 * stop/start, suspend/resume with memory intact, snapshots, restart, external kill, removal.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstanceInfo } from '../src-shared/api';
import { BerthSession } from './support/berth-session';
import { tinyGuest } from './support/guests';

const { guest, reason } = tinyGuest();
const MiB = 1024 ** 2;

describe.skipIf(guest === null)(`real QEMU lifecycle, tiny guest ${reason ?? ''}`, () => {
  let berth: BerthSession;
  let web: InstanceInfo;

  beforeAll(async () => {
    berth = await BerthSession.open();
  });
  afterAll(async () => {
    await berth?.dispose();
  });

  const info = (name = 'web') => berth.call('instances.info', { name });

  it('launches the tiny guest by direct kernel boot and reaches SSH', async () => {
    if (!guest) return;
    const began = Date.now();
    web = await berth.call('instances.launch', {
      name: 'web',
      image: guest.disk,
      kernel: guest.kernel,
      initrd: guest.initrd,
      cmdline: guest.cmdline,
      memoryBytes: 512 * MiB,
      diskBytes: 1024 * MiB,
    });
    process.stderr.write(`[berth e2e] launch to running: ${Date.now() - began} ms\n`);
    expect(web.state).toBe('running');
    expect(web.ssh).toMatchObject({ host: '127.0.0.1', user: 'ubuntu' });
    expect(web.ipv4.length).toBeGreaterThan(0);
    expect((await berth.ssh(web, 'hostname')).trim()).toBe('web');
  });

  it('cancels a launch while it waits for SSH and leaves nothing behind', async () => {
    if (!guest) return;
    const waiting = berth.waitForEvent(
      'operation.progress',
      (p) => p.operationId === 'cancel-me' && p.step === 'waiting-for-ssh',
      60_000,
    );
    const launch = berth.call('instances.launch', {
      name: 'doomed',
      image: guest.disk,
      kernel: guest.kernel,
      initrd: guest.initrd,
      cmdline: guest.cmdline,
      memoryBytes: 512 * MiB,
      operationId: 'cancel-me',
    });
    await waiting;
    expect(await berth.call('operations.cancel', { operationId: 'cancel-me' })).toEqual({
      cancelled: true,
    });
    await expect(launch).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(existsSync(berth.instanceDir('doomed'))).toBe(false);
    const names = (await berth.call('instances.list', {})).instances.map((i) => i.name);
    expect(names).toEqual(['web']);
  });

  it('keeps disk data across stop and start', async () => {
    await berth.ssh(web, 'echo persisted > /data/marker && sync');
    expect((await berth.call('instances.stop', { name: 'web' })).state).toBe('stopped');
    expect(existsSync(join(berth.instanceDir('web'), 'runtime.json'))).toBe(false);
    web = await berth.call('instances.start', { name: 'web' });
    expect(web.state).toBe('running');
    expect((await berth.ssh(web, 'cat /data/marker')).trim()).toBe('persisted');
  });

  it('suspends and resumes with memory and uptime intact', async () => {
    await berth.ssh(web, 'echo in-memory > /tmp/ram-marker');
    const uptimeBefore = Number((await berth.ssh(web, 'cut -d" " -f1 /proc/uptime')).trim());
    expect((await berth.call('instances.suspend', { name: 'web' })).state).toBe('suspended');
    const began = Date.now();
    web = await berth.call('instances.start', { name: 'web' });
    process.stderr.write(`[berth e2e] resume to running: ${Date.now() - began} ms\n`);
    expect((await berth.ssh(web, 'cat /tmp/ram-marker')).trim()).toBe('in-memory');
    const uptimeAfter = Number((await berth.ssh(web, 'cut -d" " -f1 /proc/uptime')).trim());
    expect(uptimeAfter).toBeGreaterThanOrEqual(uptimeBefore);
    const guestClock = Number((await berth.ssh(web, 'date +%s')).trim());
    expect(Math.abs(guestClock - Date.now() / 1000)).toBeLessThan(5);
  });

  it('takes and restores a snapshot of the stopped instance', async () => {
    await berth.ssh(web, 'echo before > /data/marker && sync');
    await berth.call('instances.stop', { name: 'web' });
    await berth.call('snapshots.take', { instance: 'web', snapshot: 'clean' });
    web = await berth.call('instances.start', { name: 'web' });
    await berth.ssh(web, 'echo after > /data/marker && sync');
    await berth.call('instances.stop', { name: 'web' });
    await berth.call('snapshots.restore', { instance: 'web', snapshot: 'clean' });
    web = await berth.call('instances.start', { name: 'web' });
    expect((await berth.ssh(web, 'cat /data/marker')).trim()).toBe('before');
    const snapshots = await berth.call('snapshots.list', { instance: 'web' });
    expect(snapshots.map((s) => s.name)).toEqual(['clean']);
  });

  it('restarts the guest (uptime starts again)', async () => {
    web = await berth.call('instances.restart', { name: 'web' });
    expect(web.state).toBe('running');
    const uptime = Number((await berth.ssh(web, 'cut -d" " -f1 /proc/uptime')).trim());
    expect(uptime).toBeLessThan(60);
  });

  it('re-attaches to the running VM after Berth restarts', async () => {
    const pid = await qemuPid(berth, 'web');
    await berth.reopen();
    web = await info();
    expect(web.state).toBe('running');
    expect(await qemuPid(berth, 'web')).toBe(pid);
    expect((await berth.ssh(web, 'echo still-here')).trim()).toBe('still-here');
  });

  it('notices at once when QEMU is killed from outside', async () => {
    const pid = await qemuPid(berth, 'web');
    const stopped = berth.waitForEvent(
      'instance.changed',
      (i) => i.name === 'web' && i.state === 'stopped',
      2_000,
    );
    const began = Date.now();
    process.kill(pid, 'SIGKILL');
    await stopped;
    process.stderr.write(`[berth e2e] external kill to stopped: ${Date.now() - began} ms\n`);
    expect((await info()).state).toBe('stopped');
  });

  it('deletes, recovers and purges', async () => {
    web = await berth.call('instances.start', { name: 'web' });
    await berth.call('instances.delete', { name: 'web' });
    const deleted = await info();
    expect(deleted).toMatchObject({ deleted: true, state: 'stopped' });
    expect((await berth.call('instances.recover', { name: 'web' })).deleted).toBe(false);
    await berth.call('instances.delete', { name: 'web', purge: true });
    expect(existsSync(berth.instanceDir('web'))).toBe(false);
    expect((await berth.call('instances.list', { includeDeleted: true })).instances).toEqual([]);
  });
});

async function qemuPid(berth: BerthSession, name: string): Promise<number> {
  const runtime = JSON.parse(await readFile(join(berth.instanceDir(name), 'runtime.json'), 'utf8'));
  return runtime.pid as number;
}
