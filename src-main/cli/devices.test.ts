import { afterEach, describe, expect, it } from 'vitest';
import type { MountInfo, NetworkAttachment } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import { fakeInstance } from '../transports/testing/fake-core';
import { generalUsage } from './registry';
import { createHarness, type Harness } from './testing/harness';

let h: Harness;
let mounts: Map<string, MountInfo[]>;
let nics: Map<string, NetworkAttachment[]>;

afterEach(async () => {
  await h.dispose();
});

/** A harness whose fake core keeps mounts and NICs per instance, LXD-like. */
async function deviceHarness(): Promise<Harness> {
  mounts = new Map();
  nics = new Map();
  const harness = await createHarness(() => ({
    'mounts.list': async ({ instance }) => mounts.get(instance) ?? [],
    'mounts.add': async ({ instance, source, target }) => {
      if (instance === 'qemu-vm') {
        throw new BerthError('UNSUPPORTED', 'Native mounts under QEMU are not in this build yet');
      }
      mounts.set(instance, [...(mounts.get(instance) ?? []), { source, target }]);
      return { source, target };
    },
    'mounts.remove': async ({ instance, target }) => {
      mounts.set(
        instance,
        (mounts.get(instance) ?? []).filter((m) => m.target !== target),
      );
      return { ok: true };
    },
    'networks.list': async ({ instance }) => nics.get(instance) ?? [],
    'networks.add': async ({ instance, bridge }) => {
      const added = { bridge, nic: `eth${(nics.get(instance)?.length ?? 0) + 1}` };
      nics.set(instance, [...(nics.get(instance) ?? []), added]);
      return added;
    },
    'networks.remove': async () => ({ ok: true }),
  }));
  harness.core.instances.set('web', fakeInstance('web', { state: 'running' }));
  return harness;
}

const calls = (method: string) =>
  h.core.dispatched.filter((d) => d.method === method).map((d) => d.params);

describe('berth help', () => {
  it('lists the device commands', async () => {
    h = await createHarness();
    for (const name of ['mount', 'umount', 'network']) {
      expect(generalUsage()).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });
});

describe('berth mount and umount', () => {
  it('mounts a folder, relative to the working directory, into several instances', async () => {
    h = await deviceHarness();
    expect(await h.run(['mount', 'src', 'web:/mnt/src', 'db'])).toBe(0);
    expect(calls('mounts.add')).toEqual([
      { instance: 'web', source: '/work/project/src', target: '/mnt/src' },
      { instance: 'db', source: '/work/project/src', target: '/work/project/src' },
    ]);
    expect(h.stdout).toBe(
      'Mounted /work/project/src at web:/mnt/src\n' +
        'Mounted /work/project/src at db:/work/project/src\n',
    );
  });

  it("reports the core's refusal with its exit code", async () => {
    h = await deviceHarness();
    expect(await h.run(['mount', '/srv', 'qemu-vm:/srv'])).toBe(4);
    expect(h.stderr).toBe('berth: Native mounts under QEMU are not in this build yet\n');
  });

  it('unmounts one target, or every mount of an instance', async () => {
    h = await deviceHarness();
    mounts.set('web', [
      { source: '/a', target: '/mnt/a' },
      { source: '/b', target: '/mnt/b' },
    ]);
    expect(await h.run(['umount', 'web:/mnt/a'])).toBe(0);
    expect(await h.run(['umount', 'web'])).toBe(0);
    expect(calls('mounts.remove')).toEqual([
      { instance: 'web', target: '/mnt/a' },
      { instance: 'web', target: '/mnt/b' },
    ]);
    expect(h.stdout).toBe('Unmounted web:/mnt/a\nUnmounted web:/mnt/b\n');
    expect(await h.run(['umount', 'web'])).toBe(0);
    expect(h.stderr).toBe('web has no mounts.\n');
  });

  it('needs a source and an instance', async () => {
    h = await deviceHarness();
    expect(await h.run(['mount', '/srv'])).toBe(2);
    expect(h.stderr).toContain('berth: Missing <name>[:<target>]');
    expect(h.core.dispatched).toEqual([]);
  });
});

describe('berth network', () => {
  it('adds, lists and removes NICs', async () => {
    h = await deviceHarness();
    expect(await h.run(['network', 'add', 'web', 'br0'])).toBe(0);
    expect(await h.run(['network', 'list', 'web'])).toBe(0);
    expect(await h.run(['network', 'remove', 'web', 'eth1'])).toBe(0);
    expect(h.stdout).toBe(
      [
        'Added eth1 to web on br0',
        'Instance  NIC   Bridge',
        'web       eth1  br0',
        'Removed eth1 from web',
        '',
      ].join('\n'),
    );
    expect(calls('networks.remove')).toEqual([{ instance: 'web', nic: 'eth1' }]);
  });

  it('answers a missing or unknown subcommand with the usage', async () => {
    h = await deviceHarness();
    expect(await h.run(['network'])).toBe(2);
    expect(await h.run(['network', 'attach', 'web', 'br0'])).toBe(2);
    expect(h.stderr).toContain('berth: Missing the subcommand; use add, remove or list');
    expect(h.stderr).toContain('berth: Unknown subcommand "attach"; use add, remove or list');
    expect(h.core.dispatched).toEqual([]);
  });
});

describe('berth info with devices', () => {
  it('shows mounts and extra NICs where the driver has them', async () => {
    h = await deviceHarness();
    mounts.set('web', [{ source: '/home/me/src', target: '/mnt/src' }]);
    nics.set('web', [{ bridge: 'br0', nic: 'eth1' }]);
    expect(await h.run(['info', 'web'])).toBe(0);
    const line = (label: string, value: string) => `${`${label}:`.padEnd(18)}${value}\n`;
    expect(h.stdout).toContain(line('Mounts', '/home/me/src => /mnt/src'));
    expect(h.stdout).toContain(line('Extra NICs', 'eth1 on br0'));
  });

  it('leaves them out where the core cannot say', async () => {
    h = await createHarness();
    h.core.instances.set('web', fakeInstance('web'));
    expect(await h.run(['info', 'web'])).toBe(0);
    expect(h.stdout).not.toContain('Mounts:');
  });
});

describe('berth launch with devices', () => {
  it('sends the alias, the type, the mounts and the NICs', async () => {
    h = await deviceHarness();
    const argv = ['launch', 'images:debian/12', '-n', 'box', '--vm', '--network', 'br0'];
    expect(await h.run([...argv, '--mount', '/srv:/mnt/srv'])).toBe(0);
    expect(h.core.dispatched[0]?.params).toMatchObject({
      image: 'images:debian/12',
      type: 'virtual-machine',
      mounts: [{ source: '/srv', target: '/mnt/srv' }],
      networks: [{ bridge: 'br0' }],
    });
  });
});
