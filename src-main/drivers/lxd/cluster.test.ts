import { afterEach, describe, expect, it } from 'vitest';
import { clusterMembers, instanceLocation } from './cluster';
import { LxdClient } from './rest-client';
import { type FakeLxd, type FakeRoutes, startFakeLxd, sync } from './testing/fake-lxd-server';

let fake: FakeLxd | null = null;
afterEach(async () => {
  await fake?.dispose();
  fake = null;
});

async function clientWith(routes: FakeRoutes) {
  fake = await startFakeLxd(routes);
  return new LxdClient({ socketPath: fake.socketPath });
}

const instance = (location: string) => () =>
  sync({ name: 'web', type: 'container', status: 'Running', status_code: 103, location });

describe('LXD clusters', () => {
  it('lists no members for a standalone server, without asking for them', async () => {
    const client = await clientWith({
      'GET /1.0/cluster': () => sync({ enabled: false, server_name: '' }),
    });
    expect(await clusterMembers(client)).toEqual([]);
    expect(fake?.requests).toEqual(['GET /1.0/cluster']);
  });

  it('lists a cluster’s members by name, sorted', async () => {
    const client = await clientWith({
      'GET /1.0/cluster': () => sync({ enabled: true, server_name: 'm2' }),
      'GET /1.0/cluster/members': () =>
        sync([
          { server_name: 'm2', status: 'Online' },
          { server_name: 'm1', status: 'Evacuated' },
        ]),
    });
    expect(await clusterMembers(client)).toEqual(['m1', 'm2']);
  });

  it('gives the member an instance runs on, and null outside a cluster', async () => {
    const onMember = await clientWith({ 'GET /1.0/instances/web': instance('m1') });
    expect(await instanceLocation(onMember, 'web')).toBe('m1');
    await fake?.dispose();
    const standalone = await clientWith({ 'GET /1.0/instances/web': instance('none') });
    expect(await instanceLocation(standalone, 'web')).toBeNull();
  });
});
