import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { instanceTypesOf, NO_VM_WARNING, probeLxd, socketCandidates } from './probe';
import { type FakeLxd, startFakeLxd, sync } from './testing/fake-lxd-server';

let fake: FakeLxd | null = null;
afterEach(async () => {
  await fake?.dispose();
  fake = null;
});

const server = (auth: string, driver: string) =>
  sync({
    auth,
    api_extensions: ['cloud_init'],
    environment: { server_version: '5.0.2', driver },
  });

describe('probeLxd', () => {
  it('looks at LXD_DIR first, then Debian and snap paths', () => {
    expect(socketCandidates({ LXD_DIR: '/srv/lxd' })).toEqual([
      '/srv/lxd/unix.socket',
      '/var/lib/lxd/unix.socket',
      '/var/snap/lxd/common/lxd/unix.socket',
    ]);
  });

  it('reports a missing socket with where it looked and how to install LXD', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-probe-'));
    const notSocket = join(dir, 'unix.socket');
    await writeFile(notSocket, 'a plain file is not a socket');
    const { probe } = await probeLxd([notSocket]);
    await rm(dir, { recursive: true });
    expect(probe.available).toBe(false);
    expect(probe.reason).toContain(notSocket);
    expect(probe.fix).toContain('apt install lxd');
  });

  it('reports a daemon that does not trust us, with the group fix', async () => {
    fake = await startFakeLxd({ 'GET /1.0': () => server('untrusted', 'lxc') });
    const { probe } = await probeLxd([fake.socketPath]);
    expect(probe).toMatchObject({ available: false, reason: expect.stringContaining('trust') });
    expect(probe.fix).toContain('lxd group');
  });

  it('reports a socket that hangs up, with how to start LXD', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-probe-'));
    const socketPath = join(dir, 'unix.socket');
    const hangUp = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => hangUp.listen(socketPath, resolve));
    const { probe } = await probeLxd([socketPath]);
    hangUp.close();
    await rm(dir, { recursive: true, force: true });
    expect(probe.available).toBe(false);
    expect(probe.reason).toContain(`LXD does not answer on ${socketPath}`);
    expect(probe.fix).toContain('Start LXD');
  });

  it('is available with containers only, and says why there are no VMs', async () => {
    fake = await startFakeLxd({ 'GET /1.0': () => server('trusted', 'lxc') });
    const result = await probeLxd([fake.socketPath]);
    expect(result.probe).toMatchObject({ available: true, version: '5.0.2' });
    expect(result.types).toEqual(['container']);
    expect(result.probe.instanceTypes).toEqual(['container']);
    expect(result.probe.warnings).toEqual([NO_VM_WARNING]);
    expect(result.cloudInitKeys).toBe(true);
  });

  it('offers both types when the server has QEMU', async () => {
    fake = await startFakeLxd({ 'GET /1.0': () => server('trusted', 'lxc | qemu') });
    const result = await probeLxd([fake.socketPath]);
    expect(result.types).toEqual(['container', 'virtual-machine']);
    expect(result.probe.instanceTypes).toEqual(['container', 'virtual-machine']);
    expect(result.probe.warnings).toEqual([]);
  });
});

describe('instanceTypesOf', () => {
  it('prefers the instance_types list newer servers report', () => {
    const types = instanceTypesOf({
      auth: 'trusted',
      api_extensions: [],
      environment: { driver: 'lxc | qemu', instance_types: ['container'] },
    });
    expect(types).toEqual(['container']);
  });
});
