import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger';
import type { DriverContext, DriverEvent } from '../driver';
import { writeInstanceFile } from './instance-file';
import { createLxdDriver, type LxdDriver } from './lxd-driver';
import { type FakeLxd, startFakeLxd, sync } from './testing/fake-lxd-server';

let fake: FakeLxd;
let driver: LxdDriver;
let dir: string;
const events: DriverEvent[] = [];

const named = (name: string) => () => sync({ name, driver: 'dir' });

beforeEach(async () => {
  events.length = 0;
  dir = await mkdtemp(join(tmpdir(), 'berth-lxd-driver-'));
  fake = await startFakeLxd({
    'GET /1.0': () => sync({ auth: 'trusted', api_extensions: [], environment: { driver: 'lxc' } }),
    'GET /1.0/projects/berth': named('berth'),
    'GET /1.0/storage-pools/berth': named('berth'),
    'GET /1.0/networks/berthbr0': named('berthbr0'),
    'GET /1.0/instances/web/state': () => sync({ status: 'Running', status_code: 103 }),
  });
  driver = createLxdDriver({ socketCandidates: [fake.socketPath] });
});

afterEach(async () => {
  driver.detach(context());
  await fake.dispose();
  await rm(dir, { recursive: true, force: true });
});

function context(): DriverContext {
  const spec = {
    name: 'web',
    cpus: 1,
    memoryBytes: 1,
    diskBytes: 1,
    bootKind: 'disk' as const,
    macAddress: '52:54:00:00:00:01',
  };
  return { spec, dir, log: silentLogger, onEvent: (event) => events.push(event) };
}

async function until(test: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('LXD driver (fake LXD)', () => {
  it('refuses suspend with the capability matrix reason', async () => {
    await expect(driver.suspend(context(), new AbortController().signal)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: 'Suspend is not supported by the LXD driver',
    });
    expect(driver.snapshots).toBeUndefined();
  });

  it('attaches in its own project and follows lifecycle events', async () => {
    expect(await driver.attach(context())).toBe('running');
    expect(fake.requests).toContain('GET /1.0/instances/web/state?project=berth');
    fake.push({
      type: 'lifecycle',
      metadata: { action: 'instance-stopped', source: '/1.0/instances/web?project=berth' },
    });
    await until(() => events.length > 0);
    expect(events).toEqual([{ kind: 'exited', detail: 'stopped' }]);
  });

  it('forwards SSH on loopback only once the instance has its note and runs', async () => {
    expect(await driver.sshEndpoint(context())).toBeNull();
    await writeInstanceFile(dir, { type: 'container', fingerprint: 'abc', sshPort: 40022 });
    expect(await driver.sshEndpoint(context())).toEqual({ host: '127.0.0.1', port: 40022 });
    expect(await driver.instanceType?.(context())).toBe('container');
  });

  it('says why it cannot run when LXD is missing', async () => {
    const missing = createLxdDriver({ socketCandidates: [join(dir, 'no.socket')] });
    const probe = await missing.probe();
    expect(probe.available).toBe(false);
    await expect(missing.attach(context())).rejects.toMatchObject({
      code: 'DRIVER_UNAVAILABLE',
      message: expect.stringContaining("LXD's socket was not found"),
    });
  });
});
