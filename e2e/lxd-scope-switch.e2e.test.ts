/**
 * Switching between the QEMU and LXD scopes with running instances on both sides, as the
 * preview says: QEMU's are suspended and resumed with their memory, LXD's (which cannot
 * suspend) are stopped and started again on return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedCore } from '../src-main/core/core';
import type { LxdDriver } from '../src-main/drivers/lxd/lxd-driver';
import { BerthSession } from './support/berth-session';
import { tinyGuest } from './support/guests';
import { LXD_LOCK_WAIT_MS, lockLxd, lxdGuest } from './support/lxd-guest';

const tiny = tinyGuest();
const lxd = await lxdGuest();
const reason = tiny.reason ?? lxd.reason;
const MiB = 1024 ** 2;

describe.skipIf(reason !== null)(`driver switch qemu <-> lxd ${reason ?? ''}`, () => {
  let berth: BerthSession;

  let unlock: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    unlock = await lockLxd();
    berth = await BerthSession.open();
  }, LXD_LOCK_WAIT_MS + 60_000);
  afterAll(async () => {
    await berth?.call('settings.set', { key: 'local.driver', value: 'lxd' }).catch(() => null);
    await berth?.call('instances.delete', { name: 'cont', purge: true }).catch(() => null);
    await berth?.call('settings.set', { key: 'local.driver', value: 'qemu' }).catch(() => null);
    await berth?.dispose();
    await unlock?.();
  });

  const lxdUptime = async () => {
    const opened = berth.core as OpenedCore;
    const driver = opened.core.parts.registry.get('lxd') as LxdDriver;
    const ctx = opened.core.runtime().entry('cont').ctx;
    const result = await driver.exec(ctx, ['cat', '/proc/1/stat']);
    return result.stdout;
  };

  it('suspends QEMU instances, stops LXD ones, and brings each back on return', async () => {
    const { guest } = tiny;
    if (!guest || !lxd.image) return;
    const vm = await berth.call('instances.launch', {
      name: 'vm',
      image: guest.disk,
      kernel: guest.kernel,
      initrd: guest.initrd,
      cmdline: guest.cmdline,
      memoryBytes: 512 * MiB,
    });
    await berth.ssh(vm, 'echo ram-data > /tmp/marker');

    await berth.call('settings.set', { key: 'local.driver', value: 'lxd' });
    const cont = await berth.call('instances.launch', { name: 'cont', image: lxd.image });
    expect(cont.state).toBe('running');
    const firstBoot = await lxdUptime();

    const preview = await berth.call('drivers.preview', { driver: 'qemu' });
    expect(preview.items).toContainEqual({ name: 'cont', action: 'stop', side: 'leaving' });
    await berth.call('settings.set', { key: 'local.driver', value: 'qemu' });
    const back = await berth.call('instances.info', { name: 'vm' });
    expect(back.state).toBe('running');
    expect((await berth.ssh(back, 'cat /tmp/marker')).trim()).toBe('ram-data');

    await berth.call('settings.set', { key: 'local.driver', value: 'lxd' });
    const returned = await berth.call('instances.info', { name: 'cont' });
    expect(returned).toMatchObject({ state: 'running', resumeOnReturn: false });
    expect(await lxdUptime()).not.toBe(firstBoot);
  }, 240_000);
});
