import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeCore, type FakeCore, fakeInstance } from '../testing/fake-core';
import { type Bridge, startBridge } from './bridge-server';
import { makeRendererDir, openApiSocket, type TestSocket, withId } from './testing/loopback';

let rootDir: string;
let core: FakeCore;
let bridge: Bridge;
let sockets: TestSocket[];

beforeEach(async () => {
  rootDir = await makeRendererDir();
  core = createFakeCore();
  core.instances.set('web', fakeInstance('web', { state: 'running' }));
  bridge = await startBridge(core.dispatcher, { rootDir, maxMessageBytes: 64 * 1024 });
  sockets = [];
});

afterEach(async () => {
  for (const socket of sockets) socket.ws.terminate();
  await bridge.close();
  await rm(dirname(rootDir), { recursive: true, force: true });
});

const origin = () => `http://127.0.0.1:${bridge.port}`;

async function connect(): Promise<TestSocket> {
  const socket = await openApiSocket(bridge.port, { origin: origin(), cookieToken: bridge.token });
  sockets.push(socket);
  return socket;
}

describe('the contract over WebSocket', () => {
  it('answers requests through the dispatcher', async () => {
    const socket = await connect();
    socket.ws.send(JSON.stringify({ id: 1, method: 'instances.info', params: { name: 'web' } }));
    socket.ws.send(JSON.stringify({ id: 2, method: 'instances.info', params: { name: 'nope' } }));

    expect(await socket.next(withId(1))).toMatchObject({
      id: 1,
      ok: true,
      result: { name: 'web', state: 'running' },
    });
    expect(await socket.next(withId(2))).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Instance "nope" does not exist' },
    });
    expect(core.dispatched.map((d) => d.method)).toEqual(['instances.info', 'instances.info']);
  });

  it('pushes every core event to every open socket', async () => {
    const first = await connect();
    const second = await connect();
    const isEvent = (frame: unknown) =>
      typeof frame === 'object' && frame !== null && 'event' in frame;

    core.emit('instance.removed', { scope: 'qemu', name: 'web' });

    const expected = { event: 'instance.removed', payload: { scope: 'qemu', name: 'web' } };
    expect(await first.next(isEvent)).toEqual(expected);
    expect(await second.next(isEvent)).toEqual(expected);
  });

  it('answers malformed frames with INVALID_INPUT and keeps the socket open', async () => {
    const socket = await connect();
    socket.ws.send('not json');
    socket.ws.send(JSON.stringify({ id: 7, method: 42 }));
    socket.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    socket.ws.send(JSON.stringify({ id: 8, method: 'no.such', params: {} }));

    const invalid = { ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) };
    expect(await socket.next(withId(7))).toMatchObject({ id: 7, ...invalid });
    expect(await socket.next(withId(8))).toMatchObject({ id: 8, ...invalid });
    const unknownId = socket.received.filter(withId(-1));
    expect(unknownId).toHaveLength(2);
    for (const reply of unknownId) expect(reply).toMatchObject(invalid);
    expect(bridge.refusals().badFrame).toBe(3);

    socket.ws.send(JSON.stringify({ id: 9, method: 'system.ping', params: {} }));
    expect(await socket.next(withId(9))).toMatchObject({ ok: true });
  });

  it('closes a socket that sends a message over the size limit (1009)', async () => {
    const socket = await connect();
    socket.ws.send('x'.repeat(65 * 1024));
    expect(await socket.closed).toBe(1009);
    expect(bridge.refusals().badFrame).toBe(1);
  });

  it('closes open sockets when the bridge closes', async () => {
    const socket = await connect();
    await bridge.close();
    expect(await socket.closed).toBe(1001);
    bridge = await startBridge(core.dispatcher, { rootDir });
  });
});

describe('the upgrade checks', () => {
  it('accepts the token by query as well as by cookie', async () => {
    const socket = await openApiSocket(bridge.port, { origin: origin(), token: bridge.token });
    sockets.push(socket);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('refuses an upgrade without an Origin (403)', async () => {
    const attempt = openApiSocket(bridge.port, { cookieToken: bridge.token });
    await expect(attempt).rejects.toThrow('HTTP 403');
    expect(bridge.refusals().badOrigin).toBe(1);
  });

  it('refuses an upgrade from a foreign Origin (403)', async () => {
    const attempt = openApiSocket(bridge.port, {
      origin: 'http://evil.example',
      cookieToken: bridge.token,
    });
    await expect(attempt).rejects.toThrow('HTTP 403');
    expect(bridge.refusals().badOrigin).toBe(1);
    expect(core.dispatched).toEqual([]);
  });

  it('refuses an upgrade without the token or with a wrong one (401)', async () => {
    await expect(openApiSocket(bridge.port, { origin: origin() })).rejects.toThrow('HTTP 401');
    const wrong = openApiSocket(bridge.port, { origin: origin(), token: 'guess' });
    await expect(wrong).rejects.toThrow('HTTP 401');
    expect(bridge.refusals()).toMatchObject({ noToken: 1, badToken: 1 });
  });

  it('refuses an upgrade on any other path (404)', async () => {
    const attempt = openApiSocket(bridge.port, {
      origin: origin(),
      cookieToken: bridge.token,
      path: '/other',
    });
    await expect(attempt).rejects.toThrow('HTTP 404');
    expect(bridge.refusals().badPath).toBe(1);
  });
});
