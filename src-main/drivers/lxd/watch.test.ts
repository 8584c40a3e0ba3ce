import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger';
import type { DriverContext, DriverEvent } from '../driver';
import { LxdClient } from './rest-client';
import { type FakeLxd, startFakeLxd, sync } from './testing/fake-lxd-server';
import { driverEventOf, InstanceWatch } from './watch';

let fake: FakeLxd | null = null;
let watch: InstanceWatch | null = null;
afterEach(async () => {
  watch?.remove('web');
  await fake?.dispose();
  fake = null;
});

function contextFor(name: string, events: DriverEvent[]): DriverContext {
  const spec = {
    name,
    cpus: 1,
    memoryBytes: 1,
    diskBytes: 1,
    bootKind: 'disk' as const,
    macAddress: '52:54:00:00:00:01',
  };
  return { spec, dir: '/nonexistent', log: silentLogger, onEvent: (e) => events.push(e) };
}

async function until(test: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('driverEventOf', () => {
  it('maps LXD lifecycle actions to driver events', () => {
    expect(driverEventOf('instance-started')?.kind).toBe('running');
    expect(driverEventOf('instance-stopped')?.kind).toBe('exited');
    expect(driverEventOf('instance-shutdown')?.kind).toBe('exited');
    expect(driverEventOf('instance-deleted')).toEqual({ kind: 'exited', detail: 'deleted in LXD' });
    expect(driverEventOf('instance-paused')?.kind).toBe('paused');
    expect(driverEventOf('instance-restarted')?.kind).toBe('reset');
    expect(driverEventOf('instance-created')).toBeNull();
  });
});

describe('InstanceWatch', () => {
  it('reports a change that happened while LXD was away, once it is back', async () => {
    let statusCode = 103;
    fake = await startFakeLxd({
      'GET /1.0/instances/web/state': () =>
        sync({ status: 'x', status_code: statusCode, network: null }),
    });
    const events: DriverEvent[] = [];
    watch = new InstanceWatch(
      new LxdClient({ socketPath: fake.socketPath }, 'berth'),
      silentLogger,
    );
    await watch.add(contextFor('web', events), 'running');
    expect(watch.connected).toBe(true);

    await fake.stop();
    statusCode = 102; // stopped while the stream was down
    await fake.start();
    await until(() => events.length > 0);
    expect(events).toEqual([{ kind: 'exited', detail: 'seen after LXD reconnected' }]);
  });

  it('delivers only events of watched instances', async () => {
    fake = await startFakeLxd({});
    const events: DriverEvent[] = [];
    watch = new InstanceWatch(
      new LxdClient({ socketPath: fake.socketPath }, 'berth'),
      silentLogger,
    );
    await watch.add(contextFor('web', events), 'stopped');
    const push = (instance: string) =>
      fake?.push({
        type: 'lifecycle',
        metadata: { action: 'instance-started', source: `/1.0/instances/${instance}` },
      });
    push('other');
    push('web');
    await until(() => events.length > 0);
    expect(events).toEqual([{ kind: 'running' }]);
  });
});
