import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DriverProbe } from '../drivers/driver';
import { type CoreHarness, openHarness, rejection } from './testing/core-harness';
import { type FakeDeviceDriver, withFakeDevices } from './testing/fake-devices';

const NO_VMS = 'This LXD server cannot run virtual machines (no KVM)';
const CONTAINERS_ONLY: DriverProbe = {
  available: true,
  version: 'fake 5.0',
  acceleration: 'container',
  warnings: [NO_VMS],
  reason: null,
  fix: null,
  instanceTypes: ['container'],
};

let h: CoreHarness;
let folder: string;

beforeEach(async () => {
  h = await openHarness();
  folder = await mkdtemp(join(tmpdir(), 'berth-mount-src-'));
});
afterEach(async () => {
  await h.dispose();
  await rm(folder, { recursive: true, force: true });
});

/** Asserts that `promise` is refused with `code` and a message containing `message`. */
async function refused(promise: Promise<unknown>, code: string, message: string) {
  const error = await rejection(promise);
  expect(error.code).toBe(code);
  expect(error.message).toContain(message);
}

describe('devices under QEMU, which has them in the matrix but not in this build', () => {
  it('refuses mounts and NICs with the shared predicate reason, touching nothing', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    const before = [...h.qemu.calls];
    const mount = { instance: 'web', source: folder, target: '/mnt/src' };
    await refused(h.call('mounts.add', mount), 'UNSUPPORTED', 'Native mounts under QEMU');
    await refused(h.call('mounts.add', mount), 'UNSUPPORTED', 'not in this build yet');
    const nic = { instance: 'web', bridge: 'br0' };
    await refused(h.call('networks.add', nic), 'UNSUPPORTED', 'Extra networks under QEMU');
    expect(await h.call('mounts.list', { instance: 'web' })).toEqual([]);
    expect(h.qemu.calls).toEqual(before);
  });

  it('refuses launch-time mounts, a container and an alias, writing nothing', async () => {
    const before = await readdir(h.dataDir, { recursive: true });
    const mounts = [{ source: folder, target: '/mnt/src' }];
    await refused(
      h.call('instances.launch', { name: 'web', image: h.image, mounts }),
      'UNSUPPORTED',
      'Native mounts under QEMU are not in this build yet',
    );
    await refused(
      h.call('instances.launch', { name: 'web', image: h.image, type: 'container' }),
      'UNSUPPORTED',
      'QEMU runs virtual machines only',
    );
    await refused(
      h.call('instances.launch', { name: 'web', image: 'images:debian/12' }),
      'UNSUPPORTED',
      'Download by alias ("images:debian/12") is not in this build yet for QEMU',
    );
    expect(h.qemu.calls).toEqual([]);
    expect(await readdir(h.dataDir, { recursive: true })).toEqual(before);
  });

  it('launches a virtual machine when one is asked for by name', async () => {
    const web = await h.call('instances.launch', {
      name: 'web',
      image: h.image,
      type: 'virtual-machine',
    });
    expect(web.state).toBe('running');
  });
});

describe('devices under a driver that has them (fake LXD)', () => {
  let lxd: FakeDeviceDriver;

  beforeEach(async () => {
    lxd = withFakeDevices(h.lxd);
    h.lxd.probe = async () => CONTAINERS_ONLY;
    await h.call('settings.set', { key: 'local.driver', value: 'lxd' });
  });

  it("refuses a virtual machine with the probe's reason, leaving nothing", async () => {
    await refused(
      h.call('instances.launch', { name: 'vm', image: h.image, type: 'virtual-machine' }),
      'UNSUPPORTED',
      `LXD cannot launch a virtual machine here: ${NO_VMS}`,
    );
    expect(h.lxd.calls).toEqual([]);
    expect((await h.call('instances.list', { includeDeleted: true })).instances).toEqual([]);
  });

  it('passes an alias, the type and the mounts to the driver at launch', async () => {
    const mounts = [{ source: `${folder}/`, target: '/mnt/src/' }];
    await h.call('instances.launch', {
      name: 'box',
      image: 'ubuntu:24.04',
      type: 'container',
      mounts,
    });
    expect(lxd.created[0]).toMatchObject({
      disk: '',
      remoteImage: {
        name: 'ubuntu:24.04',
        server: 'https://cloud-images.ubuntu.com/releases',
        alias: '24.04',
      },
      type: 'container',
      mounts: [{ source: folder, target: '/mnt/src' }],
    });
    expect(await h.call('mounts.list', { instance: 'box' })).toEqual([
      { source: folder, target: '/mnt/src' },
    ]);
    expect((await h.call('instances.info', { name: 'box' })).image.source).toBe('ubuntu:24.04');
  });

  it.each([
    [{ source: 'relative/dir', target: '/mnt' }, 'must be absolute'],
    [{ source: '/nonexistent/berth', target: '/mnt' }, 'is not a folder on this computer'],
    [{ source: '/tmp', target: 'mnt' }, 'must be an absolute path in the guest'],
    [{ source: '/tmp', target: '/' }, "cannot cover the guest's root folder"],
    [{ source: '/tmp', target: '/mnt\nx' }, 'control characters'],
  ])('refuses the mount %j at launch, creating nothing', async (mount, message) => {
    const request = { name: 'box', image: h.image, mounts: [mount] };
    await refused(h.call('instances.launch', request), 'INVALID_INPUT', message);
    expect(h.lxd.calls).toEqual([]);
  });

  it.each([
    ['nobridge0', 'There is no bridge "nobridge0" on this computer'],
    ['lo', '"lo" is a network interface but not a bridge'],
    ['..', 'not a network interface name'],
    ['a/b', 'not a network interface name'],
  ])('refuses a NIC on %j at launch, creating nothing', async (bridge, message) => {
    const request = { name: 'box', image: h.image, networks: [{ bridge }] };
    await refused(h.call('instances.launch', request), 'INVALID_INPUT', message);
    expect(h.lxd.calls).toEqual([]);
  });

  it('refuses two mounts on one guest path', async () => {
    const mounts = [
      { source: folder, target: '/mnt/a' },
      { source: '/tmp', target: '/mnt/a/' },
    ];
    const request = { name: 'box', image: h.image, mounts };
    await refused(h.call('instances.launch', request), 'INVALID_INPUT', 'share the guest path');
  });

  it('adds, lists and removes a mount on a running instance, announcing each change', async () => {
    await h.call('instances.launch', { name: 'box', image: h.image });
    h.events.length = 0;
    const added = await h.call('mounts.add', { instance: 'box', source: folder, target: '/srv' });
    expect(added).toEqual({ source: folder, target: '/srv' });
    expect(await h.call('mounts.list', { instance: 'box' })).toEqual([added]);
    await refused(
      h.call('mounts.add', { instance: 'box', source: '/tmp', target: '/srv/' }),
      'ALREADY_EXISTS',
      'box already has a mount at /srv',
    );
    await h.call('mounts.remove', { instance: 'box', target: '/srv/' });
    expect(await h.call('mounts.list', { instance: 'box' })).toEqual([]);
    await refused(
      h.call('mounts.remove', { instance: 'box', target: '/srv' }),
      'NOT_FOUND',
      'box has no mount at /srv',
    );
    const changed = h.events.filter((e) => e.event === 'instance.changed');
    expect(changed).toHaveLength(2);
    expect(h.lxd.calls.filter((c) => c.includes('mount'))).toEqual([
      'mount box /srv',
      'unmount box /srv',
    ]);
  });

  it('queues a mount behind a start of the same instance', async () => {
    await h.call('instances.launch', { name: 'box', image: h.image });
    await h.call('instances.stop', { name: 'box' });
    h.lxd.startDelayMs = 100;
    const starting = h.call('instances.start', { name: 'box' });
    const mounting = h.call('mounts.add', { instance: 'box', source: folder, target: '/srv' });
    await Promise.all([starting, mounting]);
    const order = h.lxd.calls.filter((c) => c.startsWith('start') || c.startsWith('mount'));
    expect(order.slice(-2)).toEqual(['start box', 'mount box /srv']);
  });

  it('refuses changes to a deleted instance, and to one that does not exist', async () => {
    await h.call('instances.launch', { name: 'box', image: h.image });
    await h.call('instances.delete', { name: 'box' });
    await refused(
      h.call('mounts.add', { instance: 'box', source: folder, target: '/srv' }),
      'INVALID_STATE',
      'box: The instance is deleted; recover it first',
    );
    const nic = { instance: 'box', nic: 'eth1' };
    await refused(h.call('networks.remove', nic), 'INVALID_STATE', 'recover it first');
    await refused(h.call('mounts.list', { instance: 'ghost' }), 'NOT_FOUND', 'ghost');
  });

  it('removes only NICs the instance has', async () => {
    await h.call('instances.launch', { name: 'box', image: h.image });
    lxd.nics.set('box', [{ bridge: 'br0', nic: 'eth1' }]);
    expect(await h.call('networks.list', { instance: 'box' })).toEqual([
      { bridge: 'br0', nic: 'eth1' },
    ]);
    await refused(
      h.call('networks.remove', { instance: 'box', nic: 'eth7' }),
      'NOT_FOUND',
      'box has no extra NIC called eth7',
    );
    await h.call('networks.remove', { instance: 'box', nic: 'eth1' });
    expect(await h.call('networks.list', { instance: 'box' })).toEqual([]);
  });

  it('refuses a kernel with an image alias', async () => {
    const request = { name: 'box', image: 'images:debian/12', kernel: h.image };
    await refused(h.call('instances.launch', request), 'INVALID_INPUT', 'not an image alias');
    expect(h.lxd.calls).toEqual([]);
  });

  it('hints at the alias form when an unknown alias-looking image is not a file', async () => {
    await refused(
      h.call('instances.launch', { name: 'box', image: 'debian:12' }),
      'INVALID_INPUT',
      'image aliases start with images:, ubuntu:, ubuntu-daily:',
    );
  });
});
