import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { LxdApiError, LxdClient } from './rest-client';
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

async function clientFor(routes: FakeRoutes, project: string | null = 'berth') {
  fake = await startFakeLxd(routes);
  return new LxdClient({ socketPath: fake.socketPath }, project);
}

const operation = (status: string, err = '', metadata: unknown = null) => ({
  id: 'op1',
  status,
  status_code: status === 'Success' ? 200 : 400,
  err,
  metadata,
});

describe('LxdClient', () => {
  it('reads sync metadata checked against a schema, in its project', async () => {
    const client = await clientFor({ 'GET /1.0/projects/berth': () => sync({ name: 'berth' }) });
    const project = await client.get('/1.0/projects/berth', z.object({ name: z.string() }));
    expect(project.name).toBe('berth');
    expect(fake?.requests).toEqual(['GET /1.0/projects/berth?project=berth']);
  });

  it('turns a 404 into null for find, and an error envelope into LxdApiError', async () => {
    const client = await clientFor({ 'GET /1.0/broken': () => lxdError(500, 'disk on fire') });
    expect(await client.find('/1.0/instances/nope', z.unknown())).toBeNull();
    const error = await client.get('/1.0/broken', z.unknown()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LxdApiError);
    expect((error as LxdApiError).status).toBe(500);
    expect((error as Error).message).toBe('LXD: disk on fire');
  });

  it('rejects metadata that does not match the schema, naming the request', async () => {
    const client = await clientFor({ 'GET /1.0': () => sync({ auth: 42 }) });
    const error = await client.get('/1.0', z.object({ auth: z.string() })).catch((e) => e);
    expect((error as Error).message).toContain('unexpected answer to GET /1.0');
  });

  it('awaits an async answer through the operation wait endpoint', async () => {
    const client = await clientFor({
      'POST /1.0/instances': () => ({
        status: 202,
        body: { type: 'async', operation: '/1.0/operations/op1', metadata: {} },
      }),
      'GET /1.0/operations/op1/wait': () => sync(operation('Success', '', { done: true })),
    });
    const finished = await client.run('POST', '/1.0/instances', { json: { name: 'a' } });
    expect(finished?.metadata).toEqual({ done: true });
    expect(fake?.requests[1]).toBe('GET /1.0/operations/op1/wait?timeout=120&project=berth');
  });

  it("throws the operation's own error when it fails", async () => {
    const client = await clientFor({
      'PUT /1.0/instances/a/state': () => ({
        status: 202,
        body: { type: 'async', operation: '/1.0/operations/op1', metadata: {} },
      }),
      'GET /1.0/operations/op1/wait': () => sync(operation('Failure', 'Instance is busy')),
    });
    const error = await client.run('PUT', '/1.0/instances/a/state', { json: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(LxdApiError);
    expect((error as Error).message).toBe('LXD: Instance is busy');
  });

  it('says LXD did not answer when the socket is gone', async () => {
    const client = await clientFor({});
    await fake?.stop();
    const error = await client.get('/1.0', z.unknown()).catch((e) => e);
    expect((error as Error).message).toMatch(/LXD did not answer GET \/1\.0/);
  });
});
