import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  makeRendererDir,
  openApiSocket,
  rawRequest,
  withId,
} from '../transports/bridge/testing/loopback';
import { fakeInstance } from '../transports/testing/fake-core';
import { createHarness, type Harness, waitFor } from './testing/harness';

let h: Harness;
let rootDir: string;

beforeEach(async () => {
  h = await createHarness();
  rootDir = await makeRendererDir();
  h.env.BERTH_RENDERER_DIR = rootDir;
  h.core.instances.set('web', fakeInstance('web', { state: 'running' }));
});

afterEach(async () => {
  h.terminate();
  await h.dispose();
  await rm(dirname(rootDir), { recursive: true, force: true });
});

const URL_LINE = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})\n$/;

/** Waits for the URL line and returns the port and token it carries. */
async function servedUrl(): Promise<{ port: number; token: string }> {
  await waitFor(() => URL_LINE.test(h.stdout));
  const [, port = '', token = ''] = URL_LINE.exec(h.stdout) ?? [];
  return { port: Number(port), token };
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Lists instances through the bridge's WebSocket, as the page would. */
async function listThroughBridge(port: number, token: string): Promise<unknown> {
  const origin = `http://127.0.0.1:${port}`;
  const socket = await openApiSocket(port, { origin, token });
  socket.ws.send(JSON.stringify({ id: 1, method: 'instances.list', params: {} }));
  const reply = await socket.next(withId(1));
  socket.ws.close();
  return reply;
}

describe('berth serve', () => {
  it('prints one URL, serves the window and the API, and stops on SIGTERM', async () => {
    const serving = h.run(['serve']);
    const { port, token } = await servedUrl();

    const page = await rawRequest(port, { path: `/?token=${token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Berth window');
    expect(await listThroughBridge(port, token)).toMatchObject({
      ok: true,
      result: { instances: [{ name: 'web' }] },
    });
    // Serving owns the core, so other berth commands reach it over the local socket.
    expect(await h.run(['list'])).toBe(0);
    expect(h.stdout).toContain('web ');
    const owned = `Serving the Berth window for ${h.dataDir} (this process owns it).`;
    expect(h.stderr).toContain(owned);
    // Not a terminal here, so no browser is opened.
    expect(h.stderr).toContain('Open the URL above in your browser. Press Ctrl-C to stop.\n');

    h.terminate();
    expect(await serving).toBe(0);
    expect(h.stderr).toMatch(/Stopped\.\n$/);
    expect(h.core.closed).toBe(true);
    await expect(rawRequest(port, { path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('bridges to the process that already owns the data directory', async () => {
    const daemon = h.run(['daemon']);
    await waitFor(() => h.stdout.includes('Serving'));
    h.stdout = '';

    const serving = h.run(['serve', '--no-open']);
    const { port, token } = await servedUrl();
    expect(await listThroughBridge(port, token)).toMatchObject({ ok: true });
    expect(h.stderr).toContain('(through the process that owns it)');
    expect(h.opened).toHaveLength(1);

    h.terminate();
    expect(await serving).toBe(0);
    expect(await daemon).toBe(0);
  });

  it('serves on the port asked for, and refuses a port out of range', async () => {
    const free = await freePort();
    const serving = h.run(['serve', '--no-open', '--port', String(free)]);
    expect((await servedUrl()).port).toBe(free);
    h.terminate();
    expect(await serving).toBe(0);

    expect(await h.run(['serve', '--port', '70000'])).toBe(2);
    expect(h.stderr).toContain('--port must be a whole number from 1 to 65535 (got "70000")');
  });

  it('says to build first when the window is not built, without opening the core', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'berth-unbuilt-'));
    h.env.BERTH_RENDERER_DIR = empty;

    expect(await h.run(['serve', '--no-open'])).toBe(3);
    expect(h.stderr).toBe(
      [
        `berth: The Berth window is not built: ${join(empty, 'index.html')} is missing`,
        "  Run 'npm run build' first.",
        '',
      ].join('\n'),
    );
    expect(h.opened).toEqual([]);
    await rm(empty, { recursive: true, force: true });
  });
});
