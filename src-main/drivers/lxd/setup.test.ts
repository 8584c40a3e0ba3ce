import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger';
import { LxdClient } from './rest-client';
import { DEFAULT_SETUP_NAMES, ensureSetup } from './setup';
import {
  type FakeLxd,
  type FakeRoutes,
  lxdError,
  startFakeLxd,
  sync,
} from './testing/fake-lxd-server';

let fake: FakeLxd | null = null;
afterEach(async () => {
  await fake?.dispose();
  fake = null;
});

const standalone = () => sync({ enabled: false, server_name: '' });

async function setupWith(routes: FakeRoutes) {
  fake = await startFakeLxd({ 'GET /1.0/cluster': standalone, ...routes });
  return ensureSetup(
    new LxdClient({ socketPath: fake.socketPath }),
    DEFAULT_SETUP_NAMES,
    silentLogger,
  );
}

const created = () => sync(null);
const changes = () => fake?.requests.filter((r) => !r.startsWith('GET')) ?? [];

describe('ensureSetup', () => {
  it('creates the project, a dir pool and the bridge when none exist', async () => {
    const placement = await setupWith({
      'POST /1.0/projects': created,
      'POST /1.0/storage-pools': created,
      'POST /1.0/networks': created,
    });
    expect(placement).toEqual({
      project: 'berth',
      pool: 'berth',
      poolDriver: 'dir',
      network: 'berthbr0',
    });
    expect(changes()).toEqual([
      'POST /1.0/projects',
      'POST /1.0/storage-pools',
      'POST /1.0/networks',
    ]);
  });

  it('changes nothing that exists, and uses the default pool', async () => {
    const placement = await setupWith({
      'GET /1.0/projects/berth': () => sync({ name: 'berth' }),
      'GET /1.0/storage-pools/default': () => sync({ name: 'default', driver: 'zfs' }),
      'GET /1.0/networks/berthbr0': () => sync({ name: 'berthbr0' }),
    });
    expect(placement).toMatchObject({ pool: 'default', poolDriver: 'zfs' });
    expect(changes()).toEqual([]);
  });

  it('picks a bridge subnet itself when LXD cannot find a free one', async () => {
    let attempts = 0;
    const network = () =>
      ++attempts === 1
        ? lxdError(500, 'Failed to automatically find an unused IPv4 subnet')
        : created();
    await setupWith({
      'GET /1.0/projects/berth': () => sync({ name: 'berth' }),
      'GET /1.0/storage-pools/berth': () => sync({ name: 'berth', driver: 'dir' }),
      'POST /1.0/networks': network,
    });
    expect(changes()).toEqual(['POST /1.0/networks', 'POST /1.0/networks']);
  });

  it('defines the pool and bridge on every cluster member before creating them', async () => {
    await setupWith({
      'GET /1.0/cluster': () => sync({ enabled: true, server_name: 'm1' }),
      'GET /1.0/cluster/members': () => sync([{ server_name: 'm2' }, { server_name: 'm1' }]),
      'POST /1.0/projects': created,
      'POST /1.0/storage-pools': created,
      'POST /1.0/networks': created,
    });
    expect(changes()).toEqual([
      'POST /1.0/projects',
      'POST /1.0/storage-pools?target=m1',
      'POST /1.0/storage-pools?target=m2',
      'POST /1.0/storage-pools',
      'POST /1.0/networks?target=m1',
      'POST /1.0/networks?target=m2',
      'POST /1.0/networks',
    ]);
  });
});
