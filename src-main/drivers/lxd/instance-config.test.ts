import { describe, expect, it } from 'vitest';
import { cloudInitConfig, createRequest, rootDevice, SSH_PROXY_DEVICE } from './instance-config';
import { mountDeviceName, mountsOf } from './mounts';
import { nicsOf } from './networks';

const MiB = 1024 * 1024;
const placement = { project: 'berth', pool: 'berth', poolDriver: 'zfs', network: 'berthbr0' };
const documents = {
  'meta-data': 'instance-id: x\n',
  'user-data': '#cloud-config\n{}\n',
  'vendor-data': '#cloud-config\nssh_authorized_keys:\n  - ssh-ed25519 AAAA berth\n',
  'network-config': 'version: 2\n',
};
const spec = {
  name: 'web',
  cpus: 2,
  memoryBytes: 1024 * MiB,
  diskBytes: 5 * 1024 * MiB,
  bootKind: 'disk' as const,
  macAddress: '52:54:00:00:00:01',
};

describe('createRequest', () => {
  it('sets limits, cloud-init, devices and the image', () => {
    const body = createRequest({
      spec,
      type: 'container',
      image: { fingerprint: 'abc' },
      placement,
      cloudInit: documents,
      cloudInitKeys: true,
      sshPort: 40022,
    });
    expect(body).toMatchObject({
      name: 'web',
      type: 'container',
      source: { type: 'image', fingerprint: 'abc' },
      config: {
        'limits.cpu': '2',
        'limits.memory': '1024MiB',
        'cloud-init.user-data': documents['user-data'],
        'cloud-init.vendor-data': documents['vendor-data'],
      },
      devices: {
        root: { type: 'disk', path: '/', pool: 'berth', size: '5120MiB' },
        eth0: { type: 'nic', network: 'berthbr0' },
        [SSH_PROXY_DEVICE]: { listen: 'tcp:127.0.0.1:40022', connect: 'tcp:127.0.0.1:22' },
      },
    });
  });

  it('turns secure boot off for virtual machines only', () => {
    const input = {
      spec,
      image: { fingerprint: 'abc' },
      placement,
      cloudInit: null,
      cloudInitKeys: true,
      sshPort: 1,
    };
    const vm = createRequest({ ...input, type: 'virtual-machine' }) as { config: object };
    const container = createRequest({ ...input, type: 'container' }) as { config: object };
    expect(vm.config).toHaveProperty(['security.secureboot'], 'false');
    expect(container.config).not.toHaveProperty(['security.secureboot']);
  });
});

describe('createRequest from an alias, with mounts and extra NICs', () => {
  const input = {
    spec,
    type: 'container' as const,
    image: {
      name: 'images:debian/12',
      server: 'https://images.linuxcontainers.org',
      alias: 'debian/12',
    },
    placement,
    cloudInit: null,
    cloudInitKeys: true,
    sshPort: 40022,
  };

  it('asks LXD to pull the alias from the simplestreams server', () => {
    expect(createRequest(input)).toMatchObject({
      type: 'container',
      source: {
        type: 'image',
        mode: 'pull',
        server: 'https://images.linuxcontainers.org',
        protocol: 'simplestreams',
        alias: 'debian/12',
      },
    });
  });

  it('creates the mounts and NICs with the names the device lists find again', () => {
    const body = createRequest({
      ...input,
      type: 'virtual-machine',
      mounts: [{ source: '/home/me/src', target: '/mnt/src' }],
      networks: [{ bridge: 'br0' }, { bridge: 'br1' }],
    }) as { type: string; devices: Record<string, Record<string, string>> };
    expect(body.type).toBe('virtual-machine');
    expect(body.devices[mountDeviceName('/mnt/src')]).toEqual({
      type: 'disk',
      source: '/home/me/src',
      path: '/mnt/src',
    });
    expect(body.devices['berth-eth1']).toEqual({
      type: 'nic',
      nictype: 'bridged',
      parent: 'br0',
      name: 'eth1',
    });
    expect(mountsOf(body.devices)).toEqual([{ source: '/home/me/src', target: '/mnt/src' }]);
    expect(nicsOf(body.devices)).toEqual([
      { bridge: 'br0', nic: 'eth1' },
      { bridge: 'br1', nic: 'eth2' },
    ]);
  });

  it('refuses a bridge name that is not an interface name', () => {
    expect(() => createRequest({ ...input, networks: [{ bridge: '../x' }] })).toThrow(
      /not a network interface name/,
    );
  });
});

describe('device lists', () => {
  it("keep only Berth's own disk and NIC devices", () => {
    const devices: Record<string, Record<string, string>> = {
      root: { type: 'disk', path: '/', pool: 'default' },
      eth0: { type: 'nic', name: 'eth0', network: 'berthbr0' },
      data: { type: 'disk', source: '/srv', path: '/srv' },
      lan: { type: 'nic', nictype: 'bridged', parent: 'br9', name: 'eth5' },
      'berth-eth10': { type: 'nic', nictype: 'bridged', parent: 'br1', name: 'eth10' },
      'berth-eth2': { type: 'nic', nictype: 'bridged', parent: 'br0', name: 'eth2' },
      [mountDeviceName('/b')]: { type: 'disk', source: '/host/b', path: '/b' },
      [mountDeviceName('/a')]: { type: 'disk', source: '/host/a', path: '/a' },
    };
    expect(mountsOf(devices)).toEqual([
      { source: '/host/a', target: '/a' },
      { source: '/host/b', target: '/b' },
    ]);
    expect(nicsOf(devices)).toEqual([
      { bridge: 'br0', nic: 'eth2' },
      { bridge: 'br1', nic: 'eth10' },
    ]);
  });
});

describe('cloudInitConfig', () => {
  it('uses user.* keys on servers without cloud-init.* keys', () => {
    expect(Object.keys(cloudInitConfig(documents, false))).toEqual([
      'user.user-data',
      'user.vendor-data',
    ]);
    expect(cloudInitConfig(null, true)).toEqual({});
  });
});

describe('rootDevice', () => {
  it('leaves the size out on a dir pool, which cannot enforce it', () => {
    expect(rootDevice({ ...placement, poolDriver: 'dir' }, 5 * 1024 * MiB)).toEqual({
      type: 'disk',
      path: '/',
      pool: 'berth',
    });
  });
});
