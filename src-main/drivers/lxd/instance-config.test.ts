import { describe, expect, it } from 'vitest';
import { cloudInitConfig, createRequest, rootDevice, SSH_PROXY_DEVICE } from './instance-config';

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
      fingerprint: 'abc',
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
      fingerprint: 'abc',
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
