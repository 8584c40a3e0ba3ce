/**
 * The shell's composition (shell-app.ts) run in Node over a fake core and a fake Electron:
 * what the real app does between `app.whenReady()` and the end of a quit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../core/logger';
import { createFakeCore, type FakeCore, fakeInstance } from '../transports/testing/fake-core';
import { IPC_CHANNELS, invokeChannel } from './ipc-contract';
import { APP_INDEX_URL } from './navigation-policy';
import { runShellApp } from './shell-app';
import { shellPaths } from './shell-paths';
import { type ShellTestHooks, TEST_HOOKS_ENV } from './shell-test-hooks';
import {
  type BrowserWindow,
  created,
  dialogAnswers,
  app as fakeApp,
  ipcMain as fakeIpcMain,
  resetFakeElectron,
} from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

const SSH = { host: '127.0.0.1', port: 2222, user: 'ubuntu' };

let dataDir: string;
let core: FakeCore;
let running: Promise<void>;
let ended: boolean;

async function start(startHidden = false): Promise<BrowserWindow | null> {
  const paths = shellPaths('/opt/berth/dist/shell', {});
  running = runShellApp({
    dispatcher: core.dispatcher,
    dataDir,
    paths,
    startHidden,
    log: silentLogger,
  });
  void running.then(() => {
    ended = true;
  });
  await vi.waitFor(() => {
    expect(created.trays).toHaveLength(1);
    expect(created.windows).toHaveLength(1);
  });
  return created.windows[0] ?? null;
}

function window(): BrowserWindow {
  const first = created.windows[0];
  if (!first) throw new Error('the shell made no window');
  return first;
}

const hooks = () => (globalThis as typeof globalThis & { berthShell: ShellTestHooks }).berthShell;
const tray = () => created.trays[0];

beforeEach(async () => {
  resetFakeElectron();
  process.env[TEST_HOOKS_ENV] = '1';
  dataDir = await mkdtemp(join(tmpdir(), 'berth-shell-'));
  core = createFakeCore();
  core.instances.set('web', fakeInstance('web', { state: 'running', ssh: SSH }));
  ended = false;
});

afterEach(async () => {
  if (!ended) {
    // The fake core does not announce settings; the shell learns them from this event.
    core.emit('settings.changed', { key: 'client.quit-action', value: 'leave' });
    fakeApp.quit();
    await running;
  }
  delete process.env[TEST_HOOKS_ENV];
  await rm(dataDir, { recursive: true, force: true });
});

describe('the shell at start-up', () => {
  it('opens one window on Berth’s page, sandboxed and isolated, and shows it', async () => {
    await start();
    expect(created.windows).toHaveLength(1);
    const prefs = window().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: '/opt/berth/dist/shell/preload.cjs',
    });
    expect(window().webContents.mainFrame.url).toBe(APP_INDEX_URL);
    expect(window().visible).toBe(true);
  });

  it('stays in the tray with the window hidden when started at login', async () => {
    await start(true);
    expect(window().visible).toBe(false);
    expect(tray()?.destroyed).toBe(false);
  });

  it('brings its window forward when Berth is launched a second time', async () => {
    await start(true);
    fakeApp.emit('second-instance');
    await vi.waitFor(() => expect(window().visible).toBe(true));
    expect(created.windows).toHaveLength(1);
  });

  it('answers the window’s requests through IPC and refuses other senders', async () => {
    await start();
    const listed = await fakeIpcMain.invoke(
      window().webContents,
      invokeChannel('instances.list'),
      {},
    );
    expect(listed).toMatchObject({ ok: true, result: { instances: [{ name: 'web' }] } });

    const stranger = new (window().constructor as typeof BrowserWindow)({});
    const refused = await fakeIpcMain.invoke(
      stranger.webContents,
      invokeChannel('instances.delete'),
      { name: 'web' },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(core.instances.has('web')).toBe(true);
  });

  it('sends core events to the page only once it is ready, none lost', async () => {
    await start();
    core.emit('instance.changed', fakeInstance('web', { state: 'stopped' }));
    const events = () => window().webContents.sent.filter(([c]) => c === IPC_CHANNELS.event);
    expect(events()).toEqual([]);
    fakeIpcMain.sendFrom(window().webContents, IPC_CHANNELS.ready);
    expect(events()).toHaveLength(1);
  });
});

describe('the tray', () => {
  it('shows running in its icon and the status in its tooltip', async () => {
    await start();
    expect(tray()?.image.path).toBe('/opt/berth/dist/icons/tray/tray-running.png');
    expect(tray()?.toolTip).toBe('Berth — QEMU · 1 of 1 running');
  });

  it('stops an instance when its Stop entry is clicked, then shows idle', async () => {
    await start();
    expect(await hooks().clickTray('instance:web:stop')).toBeNull();
    expect(core.instances.get('web')?.state).toBe('stopped');
    core.emit('instance.changed', core.instances.get('web'));
    expect(tray()?.image.path).toBe('/opt/berth/dist/icons/tray/tray-idle.png');
    expect(
      hooks()
        .trayModel()
        .find((m) => m.id === 'status')?.label,
    ).toBe('QEMU · 0 of 1 running');
  });

  it('opens the window on its settings page from the Settings entry', async () => {
    await start(true);
    expect(await hooks().clickTray('settings')).toBeNull();
    expect(window().visible).toBe(true);
    expect(window().webContents.sent).toContainEqual([IPC_CHANNELS.showPage, 'settings']);
  });
});

describe('notifications', () => {
  it('tells the user a launch finished while the window was hidden', async () => {
    await start(true);
    core.emit('operation.finished', {
      operationId: 'op',
      instance: 'web',
      kind: 'launch',
      error: null,
    });
    expect(created.notifications.map((n) => n.options.title)).toEqual(['web launched']);
  });

  it('stays quiet while the window is in view', async () => {
    await start();
    core.emit('operation.finished', {
      operationId: 'op',
      instance: 'web',
      kind: 'stop',
      error: null,
    });
    expect(created.notifications).toEqual([]);
  });
});

describe('quitting', () => {
  it('stops running instances first when the setting says stop, then ends', async () => {
    core.settings.set('client.quit-action', 'stop');
    await start();
    fakeApp.quit();
    await running;
    expect(core.instances.get('web')?.state).toBe('stopped');
    expect(fakeIpcMain.handlers.size).toBe(0);
    expect(tray()?.destroyed).toBe(true);
    expect(window().destroyed).toBe(true);
  });

  it('asks when the setting says ask, and keeps running on Cancel', async () => {
    await start();
    dialogAnswers.push({ response: 2, checkboxChecked: false });
    fakeApp.quit();
    await vi.waitFor(() => expect(created.dialogs).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ended).toBe(false);
    expect(created.dialogs[0]?.message).toBe('1 instance is running. Stop it before quitting?');
  });

  it('remembers "leave them running" when told not to ask again', async () => {
    await start();
    dialogAnswers.push({ response: 1, checkboxChecked: true });
    fakeApp.quit();
    await running;
    expect(core.settings.get('client.quit-action')).toBe('leave');
    expect(core.instances.get('web')?.state).toBe('running');
  });

  it('keeps running in the tray when the window is closed', async () => {
    await start();
    window().destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ended).toBe(false);
    expect(created.dialogs).toEqual([]);
  });
});
