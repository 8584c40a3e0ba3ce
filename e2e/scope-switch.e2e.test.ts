/**
 * The driver switch with a real QEMU instance: launch `web` under qemu, switch to lxd (an empty
 * scope; LXD available, or its probe's reason), switch back: `web` is running again with its
 * data, and its memory too (QEMU parks by suspending). With running LXD instances too:
 * e2e/lxd-scope-switch.e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthSession } from './support/berth-session';
import { tinyGuest } from './support/guests';

const { guest, reason } = tinyGuest();

describe.skipIf(guest === null)(`driver switch with real QEMU ${reason ?? ''}`, () => {
  let berth: BerthSession;

  beforeAll(async () => {
    berth = await BerthSession.open();
  });
  afterAll(async () => {
    await berth?.call('settings.set', { key: 'local.driver', value: 'qemu' }).catch(() => null);
    await berth?.dispose();
  });

  it('parks web on the way out and brings it back with its data', async () => {
    if (!guest) return;
    const launch = { image: guest.disk, kernel: guest.kernel, initrd: guest.initrd };
    let web = await berth.call('instances.launch', {
      name: 'web',
      ...launch,
      cmdline: guest.cmdline,
      memoryBytes: 512 * 1024 ** 2,
    });
    await berth.ssh(web, 'echo disk-data > /data/marker && echo ram-data > /tmp/marker && sync');

    const preview = await berth.call('drivers.preview', { driver: 'lxd' });
    expect(preview.items).toEqual([{ name: 'web', action: 'suspend', side: 'leaving' }]);
    await berth.call('settings.set', { key: 'local.driver', value: 'lxd' });
    const lxdScope = await berth.call('instances.list', {});
    expect(lxdScope).toMatchObject({ driver: 'lxd', scope: 'lxd', instances: [] });
    // The LXD driver exists now: where LXD is missing it must say why instead.
    const lxd = (await berth.call('drivers.list', {})).find((d) => d.id === 'lxd');
    expect(lxd?.available || Boolean(lxd?.reason)).toBe(true);

    await berth.call('settings.set', { key: 'local.driver', value: 'qemu' });
    web = await berth.call('instances.info', { name: 'web' });
    expect(web).toMatchObject({ state: 'running', resumeOnReturn: false });
    expect((await berth.ssh(web, 'cat /data/marker')).trim()).toBe('disk-data');
    expect((await berth.ssh(web, 'cat /tmp/marker')).trim()).toBe('ram-data');
  });
});
