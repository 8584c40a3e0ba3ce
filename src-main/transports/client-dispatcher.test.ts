import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BerthClient } from '../../src-shared/api';
import { createClientDispatcher } from './client-dispatcher';
import { connectLocalSocket } from './local-socket-client';
import { type LocalSocketServer, serveLocalSocket } from './local-socket-server';
import { socketPathFor } from './socket-path';
import { createFakeCore, type FakeCore, fakeInstance } from './testing/fake-core';

let dataDir: string;
let owner: FakeCore;
let server: LocalSocketServer;
let client: BerthClient;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'berth-fwd-'));
  owner = createFakeCore();
  owner.instances.set('web', fakeInstance('web'));
  server = await serveLocalSocket(owner.dispatcher, socketPathFor(dataDir), { dataDir });
  client = await connectLocalSocket(server.path);
});

afterEach(async () => {
  await client.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a dispatcher over the owner socket', () => {
  it('forwards requests to the owner and returns its results', async () => {
    const dispatcher = createClientDispatcher(client);
    const outcome = await dispatcher.dispatch('instances.info', { name: 'web' });
    expect(outcome).toMatchObject({ ok: true, result: { name: 'web' } });
    expect(owner.dispatched).toEqual([{ method: 'instances.info', params: { name: 'web' } }]);
  });

  it("turns the owner's errors into the same envelope", async () => {
    const dispatcher = createClientDispatcher(client);
    expect(await dispatcher.dispatch('instances.info', { name: 'ghost' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Instance "ghost" does not exist' },
    });
  });

  it('refuses unknown methods and bad params without bothering the owner', async () => {
    const dispatcher = createClientDispatcher(client);
    const unknown = await dispatcher.dispatch('no.such', {});
    const bad = await dispatcher.dispatch('instances.info', { name: 7 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(owner.dispatched).toEqual([]);
  });

  it("relays the owner's events until unsubscribed", async () => {
    const dispatcher = createClientDispatcher(client);
    const seen: string[] = [];
    const unsubscribe = dispatcher.subscribe((event) => seen.push(event));
    await dispatcher.dispatch('system.ping', {});

    owner.emit('settings.changed', { key: 'local.driver', value: 'qemu' });
    await dispatcher.dispatch('system.ping', {});
    unsubscribe();
    owner.emit('settings.changed', { key: 'local.driver', value: 'lxd' });
    await dispatcher.dispatch('system.ping', {});

    expect(seen).toEqual(['settings.changed']);
  });
});
