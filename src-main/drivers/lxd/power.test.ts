import { afterEach, describe, expect, it } from 'vitest';
import { deleteFromLxd, forceOff, observedOf, powerDown } from './power';
import { LxdClient } from './rest-client';
import { freeBridgeAddress } from './setup';
import { type FakeLxd, type FakeRoutes, startFakeLxd, sync } from './testing/fake-lxd-server';

let fake: FakeLxd | null = null;
afterEach(async () => {
  await fake?.dispose();
  fake = null;
});

async function clientFor(routes: FakeRoutes) {
  fake = await startFakeLxd(routes);
  return new LxdClient({ socketPath: fake.socketPath }, 'berth');
}

const state = (code: number) => () => sync({ status: 'x', status_code: code, network: null });
const failedOperation = () => ({
  status: 202,
  body: { type: 'async', operation: '/1.0/operations/op1', metadata: {} },
});

describe('observedOf', () => {
  it("maps LXD status codes to the core's observed states", () => {
    expect(observedOf(103)).toBe('running');
    expect(observedOf(106)).toBe('running');
    expect(observedOf(110)).toBe('paused');
    expect(observedOf(102)).toBe('stopped');
    expect(observedOf(112)).toBe('stopped');
  });
});

describe('power actions', () => {
  it('reports a guest that ignored the shutdown request, so the core can force it', async () => {
    const client = await clientFor({
      'GET /1.0/instances/web/state': state(103),
      'PUT /1.0/instances/web/state': failedOperation,
      'GET /1.0/operations/op1/wait': () =>
        sync({ id: 'op1', status: 'Failure', status_code: 400, err: 'timed out', metadata: null }),
    });
    expect(await powerDown(client, 'web', 2_000)).toBe(false);
    expect(fake?.requests).toContain('PUT /1.0/instances/web/state?project=berth');
  });

  it('leaves stopped or missing instances alone', async () => {
    const client = await clientFor({ 'GET /1.0/instances/web/state': state(102) });
    await forceOff(client, 'web');
    await forceOff(client, 'gone');
    await deleteFromLxd(client, 'gone');
    const changes = fake?.requests.filter((r) => !r.startsWith('GET')) ?? [];
    expect(changes).toEqual(['DELETE /1.0/instances/gone?project=berth']);
  });
});

describe('freeBridgeAddress', () => {
  it('picks a /24 no host interface uses', () => {
    const first = freeBridgeAddress([], 0);
    const prefix = first.split('.').slice(0, 3).join('.');
    const second = freeBridgeAddress([`${prefix}.7`], 0);
    expect(first).toMatch(/^10\.\d+\.\d+\.1\/24$/);
    expect(second).not.toBe(first);
  });
});
