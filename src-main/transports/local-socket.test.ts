import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BerthClient } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import { connectLocalSocket } from './local-socket-client';
import { type LocalSocketServer, serveLocalSocket } from './local-socket-server';
import { socketPathFor } from './socket-path';
import { createFakeCore, type FakeCore, fakeInstance } from './testing/fake-core';

let dataDir: string;
let core: FakeCore;
let server: LocalSocketServer | null;
let clients: BerthClient[];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'berth-sock-'));
  core = createFakeCore();
  core.instances.set('web', fakeInstance('web', { state: 'running' }));
  server = null;
  clients = [];
});

afterEach(async () => {
  for (const client of clients) await client.close();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function serveAndConnect(): Promise<BerthClient> {
  server = await serveLocalSocket(core.dispatcher, socketPathFor(dataDir), { dataDir });
  const client = await connectLocalSocket(server.path);
  clients.push(client);
  return client;
}

/** Sends raw lines and collects the parsed reply lines until `count` arrive or it closes. */
function rawExchange(path: string, payload: string | Buffer, count: number) {
  return new Promise<{ replies: unknown[]; closed: boolean }>((resolve, reject) => {
    const socket: Socket = createConnection(path);
    const replies: unknown[] = [];
    let buffered = '';
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      replies.push(...lines.map((line) => JSON.parse(line)));
      if (replies.length >= count) {
        socket.destroy();
        resolve({ replies, closed: false });
      }
    });
    socket.on('end', () => resolve({ replies, closed: true }));
    socket.write(payload);
  });
}

describe('local socket round trip', () => {
  it('returns validated results', async () => {
    const client = await serveAndConnect();
    const list = await client.call('instances.list', {});
    expect(list.instances.map((i) => i.name)).toEqual(['web']);
  });

  it('rejects with the BerthError from the error envelope', async () => {
    const client = await serveAndConnect();
    const failure = await client.call('instances.info', { name: 'nope' }).catch((e) => e);
    expect(failure).toBeInstanceOf(BerthError);
    expect(failure).toMatchObject({ code: 'NOT_FOUND', message: 'Instance "nope" does not exist' });
  });

  it('creates the socket readable and writable by this user only', async () => {
    await serveAndConnect();
    const mode = (await stat(socketPathFor(dataDir))).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('pushes core events to every connected client', async () => {
    const first = await serveAndConnect();
    const second = await connectLocalSocket(socketPathFor(dataDir));
    clients.push(second);
    const seen: string[] = [];
    const payload = {
      operationId: 'op1',
      instance: 'web',
      kind: 'start',
      step: 'boot',
      message: 'Booting',
    };
    const both = Promise.all(
      [first, second].map(
        (client) =>
          new Promise<void>((resolve) =>
            client.on('operation.progress', (p) => {
              seen.push(p.message);
              resolve();
            }),
          ),
      ),
    );
    await first.call('system.ping', {});
    await second.call('system.ping', {});
    core.emit('operation.progress', payload);
    await both;
    expect(seen).toEqual(['Booting', 'Booting']);
  });

  it('drops events whose payload breaks the schema', async () => {
    const client = await serveAndConnect();
    const seen: unknown[] = [];
    client.on('instance.removed', (p) => seen.push(p));
    await client.call('system.ping', {});
    core.emit('instance.removed', { scope: 3 });
    core.emit('instance.removed', { scope: 'qemu', name: 'web' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([{ scope: 'qemu', name: 'web' }]);
  });

  it('rejects pending calls when the owner goes away', async () => {
    core = createFakeCore({ 'instances.start': () => new Promise(() => undefined) });
    const client = await serveAndConnect();
    const pending = client.call('instances.start', { name: 'web' }).catch((e) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server?.close();
    server = null;
    expect(await pending).toMatchObject({ code: 'INTERNAL', message: /closed the connection/ });
  });

  it('refuses to send a request over the frame limit', async () => {
    const client = await serveAndConnect();
    const huge = 'x'.repeat(1024 * 1024);
    const failure = await client.call('settings.set', { key: 'k', value: huge }).catch((e) => e);
    expect(failure).toMatchObject({ code: 'INVALID_INPUT' });
    expect(core.dispatched).toEqual([]);
  });
});

describe('local socket frame checks', () => {
  it('answers garbage and malformed frames with INVALID_INPUT and keeps the connection', async () => {
    await serveAndConnect();
    const lines = [
      'not json',
      '{"id":7,"method":42}',
      '{"id":8,"method":"system.ping","params":{}}',
    ];
    const { replies } = await rawExchange(server?.path ?? '', `${lines.join('\n')}\n`, 3);
    expect(replies).toEqual(
      expect.arrayContaining([
        { id: -1, ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) },
        { id: 7, ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) },
        { id: 8, ok: true, result: expect.objectContaining({ version: '0.0.0-fake' }) },
      ]),
    );
  });

  it('answers an unknown method with INVALID_INPUT from the dispatcher', async () => {
    await serveAndConnect();
    const frame = '{"id":1,"method":"instances.explode","params":{}}\n';
    const { replies } = await rawExchange(server?.path ?? '', frame, 1);
    expect(replies[0]).toMatchObject({ id: 1, ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses a frame over 1 MiB and closes the connection', async () => {
    await serveAndConnect();
    const huge = Buffer.alloc(1024 * 1024 + 10, 0x61);
    const { replies, closed } = await rawExchange(server?.path ?? '', huge, 2);
    expect(closed).toBe(true);
    expect(replies).toEqual([
      { id: -1, ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) },
    ]);
  });

  it('rejects a reply that breaks the response schema', async () => {
    const path = join(dataDir, 'liar.sock');
    const liar = createServer((socket) => {
      socket.on('data', () => socket.write('{"id":1,"ok":true,"result":{"bogus":true}}\n'));
    });
    await new Promise<void>((resolve) => liar.listen(path, resolve));
    const client = await connectLocalSocket(path);
    clients.push(client);
    const failure = await client.call('instances.list', {}).catch((e) => e);
    expect(failure).toMatchObject({ code: 'INTERNAL', message: /Invalid instances.list response/ });
    await client.close();
    clients = [];
    await new Promise((resolve) => liar.close(resolve));
  });
});

describe('socket file housekeeping', () => {
  it('removes a stale socket left by a dead owner', async () => {
    const path = socketPathFor(dataDir);
    const script = `require('net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`;
    await new Promise((resolve) => execFile(process.execPath, ['-e', script], resolve));
    expect((await stat(path)).isSocket()).toBe(true);

    const client = await serveAndConnect();
    expect((await client.call('system.ping', {})).version).toBe('0.0.0-fake');
  });

  it('refuses to serve where a live owner already serves', async () => {
    await serveAndConnect();
    const second = serveLocalSocket(core.dispatcher, socketPathFor(dataDir), { dataDir });
    await expect(second).rejects.toMatchObject({ code: 'BUSY' });
  });

  it('refuses to replace a file that is not a socket', async () => {
    await writeFile(socketPathFor(dataDir), 'keep me');
    const serving = serveLocalSocket(core.dispatcher, socketPathFor(dataDir), { dataDir });
    await expect(serving).rejects.toThrow(/not a socket/);
  });

  it('serves and connects through the short fallback path for a deep data dir', async () => {
    dataDir = join(dataDir, 'a-rather-long-directory-name-'.repeat(4));
    const path = socketPathFor(dataDir);
    expect(path.startsWith(tmpdir())).toBe(true);
    const client = await serveAndConnect();
    expect((await client.call('system.ping', {})).pid).toBe(process.pid);
    expect((await stat(join(path, '..'))).mode & 0o777).toBe(0o700);
    await server?.close();
    server = null;
    await rm(join(path, '..'), { recursive: true, force: true });
  });
});
