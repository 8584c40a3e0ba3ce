import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger';
import type { DriverContext, LaunchSource } from '../driver';
import { fileSha256 } from './images';
import { readInstanceFile } from './instance-file';
import { createLxdDriver, type LxdDriver } from './lxd-driver';
import { mountDeviceName } from './mounts';
import {
  type FakeAnswer,
  type FakeLxd,
  type FakeRoutes,
  lxdError,
  startFakeLxd,
  sync,
} from './testing/fake-lxd-server';

let fake: FakeLxd;
let driver: LxdDriver;
let dir: string;
/** JSON bodies received, by "METHOD /path". */
let bodies: Record<string, unknown[]>;
/** The instance's devices as the fake LXD holds them. */
let devices: Record<string, Record<string, string>>;

const named = (name: string) => () => sync({ name, driver: 'dir' });
const instance = () =>
  sync({ name: 'web', type: 'container', status: 'Running', status_code: 103, devices });

/** Answers with `answer` after keeping the request's JSON body. */
const keep =
  (route: string, answer: () => FakeAnswer) =>
  (req: IncomingMessage): FakeAnswer => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies[route] = [...(bodies[route] ?? []), JSON.parse(Buffer.concat(chunks).toString())];
    });
    return answer();
  };

async function startWith(extra: FakeRoutes): Promise<void> {
  fake = await startFakeLxd({
    'GET /1.0': () => sync({ auth: 'trusted', environment: { driver: 'lxc' } }),
    'GET /1.0/projects/berth': named('berth'),
    'GET /1.0/storage-pools/berth': named('berth'),
    'GET /1.0/networks/berthbr0': named('berthbr0'),
    'GET /1.0/instances/web': instance,
    'PATCH /1.0/instances/web': keep('PATCH /1.0/instances/web', () => sync({})),
    'PUT /1.0/instances/web': keep('PUT /1.0/instances/web', () => sync({})),
    ...extra,
  });
  driver = createLxdDriver({ socketCandidates: [fake.socketPath] });
}

beforeEach(async () => {
  bodies = {};
  devices = {
    root: { type: 'disk', path: '/', pool: 'berth' },
    eth0: { type: 'nic', name: 'eth0', network: 'berthbr0' },
  };
  dir = await mkdtemp(join(tmpdir(), 'berth-lxd-devices-'));
});

afterEach(async () => {
  await fake.dispose();
  await rm(dir, { recursive: true, force: true });
});

function context(): DriverContext {
  const spec = {
    name: 'web',
    cpus: 1,
    memoryBytes: 512 * 1024 ** 2,
    diskBytes: 1024 ** 3,
    bootKind: 'disk' as const,
    macAddress: '52:54:00:00:00:01',
  };
  return { spec, dir, log: silentLogger, onEvent: () => undefined };
}

const create = (source: LaunchSource) =>
  driver.create(context(), source, '', () => undefined, new AbortController().signal);

describe('LXD devices hook (fake LXD)', () => {
  it("lists the instance's own mounts and NICs, read back from LXD", async () => {
    devices[mountDeviceName('/srv')] = { type: 'disk', source: '/home/me', path: '/srv' };
    devices['berth-eth1'] = { type: 'nic', nictype: 'bridged', parent: 'br0', name: 'eth1' };
    await startWith({});
    const hook = driver.devices;
    expect(await hook?.listMounts(context())).toEqual([{ source: '/home/me', target: '/srv' }]);
    expect(await hook?.listNetworks(context())).toEqual([{ bridge: 'br0', nic: 'eth1' }]);
  });

  it('adds a mount and a NIC as devices, and removes them by putting the rest back', async () => {
    devices['berth-eth1'] = { type: 'nic', nictype: 'bridged', parent: 'br0', name: 'eth1' };
    await startWith({});
    await driver.devices?.addMount(context(), { source: '/home/me', target: '/srv' });
    const nic = await driver.devices?.addNetwork(context(), 'br1');
    expect(nic).toEqual({ bridge: 'br1', nic: 'eth2' });
    const eth2 = { type: 'nic', nictype: 'bridged', parent: 'br1', name: 'eth2' };
    expect(bodies['PATCH /1.0/instances/web']).toEqual([
      {
        devices: { [mountDeviceName('/srv')]: { type: 'disk', source: '/home/me', path: '/srv' } },
      },
      {
        devices: { 'berth-eth2': eth2 },
      },
    ]);

    await driver.devices?.removeNetwork(context(), 'eth1');
    const put = bodies['PUT /1.0/instances/web']?.[0] as { devices: object };
    expect(Object.keys(put.devices)).toEqual(['root', 'eth0']);
  });

  it("says what was being done when LXD refuses, with LXD's reason", async () => {
    await startWith({
      'PATCH /1.0/instances/web': () => lxdError(400, 'Invalid devices: Missing source path'),
    });
    await expect(
      driver.devices?.addMount(context(), { source: '/gone', target: '/srv' }),
    ).rejects.toMatchObject({
      code: 'HYPERVISOR_ERROR',
      message: 'LXD refused to mount /gone at /srv in web: Invalid devices: Missing source path',
    });
  });
});

describe('LXD create with a type, an alias and devices (fake LXD)', () => {
  it('asks LXD to pull an alias with the requested type, mounts and NICs', async () => {
    const base = { name: 'web', type: 'virtual-machine', status: 'Stopped', status_code: 102 };
    await startWith({
      'POST /1.0/instances': keep('POST /1.0/instances', () => sync({})),
      'GET /1.0/instances/web': () => sync({ ...base, config: { 'volatile.base_image': 'f00' } }),
    });
    await create({
      disk: '',
      remoteImage: {
        name: 'images:debian/12',
        server: 'https://images.linuxcontainers.org',
        alias: 'debian/12',
      },
      type: 'container',
      mounts: [{ source: '/home/me', target: '/srv' }],
      networks: [{ bridge: 'br0' }],
    });
    const body = bodies['POST /1.0/instances']?.[0] as Record<string, Record<string, unknown>>;
    expect(body).toMatchObject({
      type: 'container',
      source: {
        type: 'image',
        mode: 'pull',
        server: 'https://images.linuxcontainers.org',
        protocol: 'simplestreams',
        alias: 'debian/12',
      },
    });
    expect(Object.keys(body.devices ?? {})).toEqual([
      'root',
      'eth0',
      'berth-ssh',
      mountDeviceName('/srv'),
      'berth-eth1',
    ]);
    expect(await readInstanceFile(dir)).toMatchObject({ type: 'container', fingerprint: 'f00' });
  });

  it("surfaces LXD's refusal to pull as a typed error", async () => {
    await startWith({
      'POST /1.0/instances': () => lxdError(500, 'Failed getting remote image info: no network'),
    });
    const remoteImage = { name: 'ubuntu:24.04', server: 'https://x', alias: '24.04' };
    await expect(create({ disk: '', remoteImage })).rejects.toMatchObject({
      code: 'HYPERVISOR_ERROR',
      message:
        'LXD refused to create the container web from ubuntu:24.04: ' +
        'Failed getting remote image info: no network',
    });
  });

  it('refuses a type the local image does not hold, before creating anything', async () => {
    const image = join(dir, 'image.tar.gz');
    await writeFile(image, 'a container image');
    const fingerprint = await fileSha256(image);
    await startWith({
      [`GET /1.0/images/${fingerprint}`]: () => sync({ fingerprint, type: 'container' }),
    });
    await expect(create({ disk: image, type: 'virtual-machine' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('holds a container, not a virtual-machine'),
    });
    expect(fake.requests.some((r) => r.startsWith('POST /1.0/instances'))).toBe(false);
  });
});
