import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger';
import {
  instanceOfSource,
  type LifecycleEvent,
  LxdEventStream,
  parseLifecycle,
} from './event-stream';
import { type FakeLxd, startFakeLxd } from './testing/fake-lxd-server';

let fake: FakeLxd | null = null;
let stream: LxdEventStream | null = null;
afterEach(async () => {
  stream?.close();
  await fake?.dispose();
  fake = null;
});

const lifecycle = (action: string, source: string) => ({
  type: 'lifecycle',
  project: 'berth',
  metadata: { action, source, context: {} },
});

async function until(test: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('lifecycle parsing', () => {
  it('names the instance of a lifecycle source, ignoring its sub-resources', () => {
    expect(instanceOfSource('/1.0/instances/web?project=berth')).toBe('web');
    expect(instanceOfSource('/1.0/instances/web')).toBe('web');
    expect(instanceOfSource('/1.0/instances/web/snapshots/s1')).toBeNull();
    expect(instanceOfSource('/1.0/images/abc')).toBeNull();
  });

  it('keeps lifecycle events and drops other messages', () => {
    const text = JSON.stringify(lifecycle('instance-started', '/1.0/instances/web'));
    expect(parseLifecycle(text)).toEqual({ action: 'instance-started', instance: 'web' });
    expect(parseLifecycle(JSON.stringify({ type: 'logging', metadata: {} }))).toBeNull();
    expect(parseLifecycle('not json')).toBeNull();
  });
});

describe('LxdEventStream', () => {
  it('delivers events, and reconnects and says so after LXD went away', async () => {
    fake = await startFakeLxd({});
    const seen: LifecycleEvent[] = [];
    let reconnections = 0;
    stream = new LxdEventStream({ socketPath: fake.socketPath }, 'berth', silentLogger, {
      onLifecycle: (event) => seen.push(event),
      onReconnected: () => {
        reconnections += 1;
      },
    });
    await stream.start();
    expect(stream.isOpen).toBe(true);
    expect(fake.requests[0]).toBe('GET /1.0/events?type=lifecycle&project=berth');

    fake.push(lifecycle('instance-stopped', '/1.0/instances/web?project=berth'));
    await until(() => seen.length === 1);
    expect(seen[0]).toEqual({ action: 'instance-stopped', instance: 'web' });

    await fake.stop();
    await until(() => !stream?.isOpen);
    await fake.start();
    await until(() => reconnections === 1);
    fake.push(lifecycle('instance-started', '/1.0/instances/web'));
    await until(() => seen.length === 2);
  });
});
