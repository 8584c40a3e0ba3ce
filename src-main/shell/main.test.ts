/**
 * The Electron entry (main.ts) run in Node over a fake Electron and the real core on a fresh
 * data folder: what happens from launch to exit, minus a real window.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectLocalSocket } from '../transports/local-socket-client';
import { socketPathFor } from '../transports/socket-path';
import { invokeChannel } from './ipc-contract';
import { APP_INDEX_URL, APP_SCHEME } from './navigation-policy';
import { app, created, ipcMain, protocol } from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

let home: string;
const saved = { home: process.env.BERTH_HOME, renderer: process.env.BERTH_RENDERER_DIR };

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'berth-main-'));
  const renderer = join(home, 'renderer');
  await mkdir(renderer);
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Berth</title>');
  Object.assign(process.env, { BERTH_HOME: home, BERTH_RENDERER_DIR: renderer });
  await import('./main');
  await vi.waitFor(() => expect(created.windows).toHaveLength(1), { timeout: 20_000 });
}, 30_000);

afterAll(async () => {
  if (app.exitCode === null) {
    app.quit();
    await vi.waitFor(() => expect(app.exitCode).not.toBeNull(), { timeout: 20_000 });
  }
  restore('BERTH_HOME', saved.home);
  restore('BERTH_RENDERER_DIR', saved.renderer);
  await rm(home, { recursive: true, force: true });
});

describe('the Electron entry', () => {
  it('keeps Electron’s profile, and so its single-instance lock, in the data folder', () => {
    expect(app.paths.get('userData')).toBe(join(home, 'electron'));
  });

  it('declares berth:// as a secure standard scheme and serves the page with the CSP', async () => {
    expect(protocol.privileged[0]).toMatchObject({
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true },
    });
    const handler = protocol.handlers.get(APP_SCHEME);
    const response = await handler?.(new Request(APP_INDEX_URL));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(await response?.text()).toContain('<title>Berth</title>');
    const outside = await handler?.(new Request('berth://app/../../etc/passwd'));
    expect(outside?.status).toBe(404);
  });

  it('opens the real core and answers the window over IPC', async () => {
    const window = created.windows[0];
    if (!window) throw new Error('no window');
    const outcome = await ipcMain.invoke(window.webContents, invokeChannel('instances.list'), {});
    expect(outcome).toMatchObject({ ok: true, result: { instances: [] } });
  });

  it('serves the local socket, so berth commands reach the running app', async () => {
    const client = await connectLocalSocket(socketPathFor(home));
    try {
      const ping = await client.call('system.ping', {});
      expect(ping.pid).toBe(process.pid);
    } finally {
      await client.close();
    }
  });

  it('quits with nothing running without asking, closes the core and exits 0', async () => {
    app.quit();
    await vi.waitFor(() => expect(app.exitCode).toBe(0), { timeout: 20_000 });
    expect(created.dialogs).toEqual([]);
    expect(ipcMain.handlers.size).toBe(0);
    await expect(connectLocalSocket(socketPathFor(home))).rejects.toThrow();
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
