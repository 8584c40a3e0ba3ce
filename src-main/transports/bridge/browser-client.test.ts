/**
 * The renderer's bridge client (src-renderer/transport/bridge-client.ts) against a real
 * bridge, with the `ws` package standing in for the browser's WebSocket.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { bridgeApiUrl, createBridgeClient } from '../../../src-renderer/transport/bridge-client';
import type {
  ConnectionStatus,
  RendererTransport,
} from '../../../src-renderer/transport/transport';
import { BerthError } from '../../../src-shared/errors';
import { waitFor } from '../../cli/testing/harness';
import { createFakeCore, type FakeCore, fakeInstance } from '../testing/fake-core';
import { type Bridge, startBridge } from './bridge-server';
import { makeRendererDir } from './testing/loopback';

let rootDir: string;
let core: FakeCore;
let bridge: Bridge;
let client: RendererTransport;
let statuses: ConnectionStatus[];
let releaseStart: () => void;

beforeEach(async () => {
  rootDir = await makeRendererDir();
  core = createFakeCore({
    // A start that only ends when the test says so, to have a call in flight.
    'instances.start': ({ name }) =>
      new Promise((resolve) => {
        releaseStart = () => resolve(fakeInstance(name, { state: 'running' }));
      }),
  });
  core.instances.set('web', fakeInstance('web'));
  bridge = await startBridge(core.dispatcher, { rootDir });
  client = connectClient();
});

afterEach(async () => {
  await client.close();
  await bridge.close();
  await rm(dirname(rootDir), { recursive: true, force: true });
});

/** A page's socket: the browser always sends the page's Origin. */
function pageSocket(origin: string) {
  return class PageSocket extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  };
}

function connectClient(): RendererTransport {
  const location = { host: `127.0.0.1:${bridge.port}`, search: `?token=${bridge.token}` };
  const next = createBridgeClient({
    url: bridgeApiUrl(location),
    WebSocket: pageSocket(`http://${location.host}`),
    retryDelaysMs: [20],
  });
  statuses = [next.status()];
  next.onStatus((status) => statuses.push(status));
  return next;
}

describe('the browser bridge client', () => {
  it('builds the socket URL from the page location, token included when present', () => {
    expect(bridgeApiUrl({ host: '127.0.0.1:4000', search: '?token=abc-_' })).toBe(
      'ws://127.0.0.1:4000/api?token=abc-_',
    );
    expect(bridgeApiUrl({ host: 'localhost:4000', search: '' })).toBe('ws://localhost:4000/api');
  });

  it('queues calls until open, then resolves results and rebuilds errors', async () => {
    const info = client.call('instances.info', { name: 'web' });
    expect(client.status()).toBe('connecting');

    expect((await info).name).toBe('web');
    expect(client.status()).toBe('open');
    const failure = await client.call('instances.info', { name: 'ghost' }).catch((e) => e);
    expect(failure).toBeInstanceOf(BerthError);
    expect(failure).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Instance "ghost" does not exist',
    });
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('delivers pushed events to listeners, dropping invalid payloads', async () => {
    const removed: string[] = [];
    client.on('instance.removed', (payload) => removed.push(payload.name));
    await client.call('system.ping', {});

    core.emit('instance.removed', { scope: 'qemu' });
    core.emit('instance.removed', { scope: 'qemu', name: 'web' });

    await waitFor(() => removed.length > 0);
    expect(removed).toEqual(['web']);
  });

  it('fails calls in flight when the socket drops, then reconnects', async () => {
    await client.call('system.ping', {});
    const starting = client.call('instances.start', { name: 'web' }).catch((e) => e);
    await waitFor(() => core.dispatched.some((d) => d.method === 'instances.start'));

    const { port, token } = bridge;
    await bridge.close();
    const failure = await starting;
    expect(failure).toBeInstanceOf(BerthError);
    expect(failure).toMatchObject({ code: 'INTERNAL', message: 'Lost the connection to Berth' });
    expect(statuses).toContain('lost');
    releaseStart();

    bridge = await startBridge(core.dispatcher, { rootDir, port, token });
    await waitFor(() => client.status() === 'open');
    expect((await client.call('instances.info', { name: 'web' })).name).toBe('web');
    expect(statuses.slice(0, 4)).toEqual(['connecting', 'open', 'lost', 'connecting']);
    expect(statuses.at(-1)).toBe('open');
  });

  it('rejects calls at once while the connection is lost', async () => {
    await client.call('system.ping', {});
    const { port, token } = bridge;
    await bridge.close();
    await waitFor(() => client.status() === 'lost');

    await expect(client.call('system.ping', {})).rejects.toMatchObject({
      message: 'Lost the connection to Berth',
    });
    bridge = await startBridge(core.dispatcher, { rootDir, port, token });
  });

  it('fails pending calls and stops reconnecting once closed', async () => {
    await client.call('system.ping', {});
    const starting = client.call('instances.start', { name: 'web' }).catch((e) => e);
    await waitFor(() => core.dispatched.some((d) => d.method === 'instances.start'));

    await client.close();

    expect(await starting).toMatchObject({ code: 'INTERNAL', message: 'The client is closed' });
    await expect(client.call('system.ping', {})).rejects.toMatchObject({ code: 'INTERNAL' });
    releaseStart();
  });
});
