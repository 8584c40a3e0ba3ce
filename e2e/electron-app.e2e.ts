/**
 * The Electron app itself, driven by Playwright's `_electron`: an isolated data folder, the
 * window's security flags read from the main process, the instance list driven through real
 * IPC, the single-instance lock, and the tray menu clicked through its model. With the tiny
 * guest built it also boots a real QEMU instance and stops it from the tray.
 *
 * Not a `*.test.ts` file on purpose: the default `vitest run` must not pick it up, because it
 * can only run where an Electron binary exists. `npm run test:electron` (electron-run.ts)
 * runs it with electron.vitest.config.ts, or prints exactly why it did not run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShellTestHooks } from '../src-main/shell/shell-test-hooks';
import type { TrayMenuItem } from '../src-main/shell/tray-menu-model';
import type { BerthPreloadApi } from '../src-shared/preload-api';
import { tinyGuest } from './support/guests';

const root = resolve(import.meta.dirname, '..');
const binary = process.env.BERTH_ELECTRON_BINARY;
const BOOT_MS = 90_000;

/** The page's globals as the preload leaves them (this file's lib has no DOM types). */
type AppWindow = typeof globalThis & { berth: BerthPreloadApi; location: { href: string } };
/** The main process's globals with the test hooks installed. */
type ShellGlobals = typeof globalThis & { berthShell: ShellTestHooks };

describe('the Electron app', () => {
  let home: string;
  let app: ElectronApplication;
  let page: Page;
  const env = () => ({ ...process.env, BERTH_HOME: home, BERTH_SHELL_TEST_HOOKS: '1' });

  beforeAll(async () => {
    if (!binary) {
      throw new Error(
        'BERTH_ELECTRON_BINARY is not set; run this suite with npm run test:electron',
      );
    }
    home = await mkdtemp(join(tmpdir(), 'berth-electron-'));
    app = await _electron.launch({ executablePath: binary, args: [root], env: env() });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    // Quitting with instances up would ask; the setting answers for the test.
    await page
      ?.evaluate(() =>
        (globalThis as AppWindow).berth.invoke('settings.set', {
          key: 'client.quit-action',
          value: 'stop',
        }),
      )
      .catch(() => null);
    await app?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  const trayModel = () => app.evaluate(() => (globalThis as ShellGlobals).berthShell.trayModel());
  const clickTray = (id: string) =>
    app.evaluate(
      (_electron, entry) => (globalThis as ShellGlobals).berthShell.clickTray(entry),
      id,
    );

  it('opens one window on Berth’s page with every security flag on', async () => {
    const window = await app.evaluate(({ BrowserWindow }) => {
      const windows = BrowserWindow.getAllWindows();
      // What the renderer really got; undocumented in Electron's types but present at runtime.
      const contents = windows[0]?.webContents as unknown as {
        getLastWebPreferences(): Electron.WebPreferences | null;
        getURL(): string;
      };
      const prefs = contents?.getLastWebPreferences();
      return {
        count: windows.length,
        url: contents?.getURL(),
        contextIsolation: prefs?.contextIsolation,
        sandbox: prefs?.sandbox,
        nodeIntegration: prefs?.nodeIntegration,
        nodeIntegrationInSubFrames: prefs?.nodeIntegrationInSubFrames,
        webviewTag: prefs?.webviewTag,
        webSecurity: prefs?.webSecurity,
      };
    });
    expect(window).toEqual({
      count: 1,
      url: 'berth://app/index.html',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
    });
  });

  it('gives the page one berth object and no Node', async () => {
    const globals = await page.evaluate(() => ({
      berth: Object.keys((globalThis as AppWindow).berth).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(globals).toEqual({
      berth: ['invoke', 'on', 'onShowPage', 'ready'],
      require: 'undefined',
      process: 'undefined',
    });
  });

  it('serves the page with the strict content-security policy', async () => {
    const csp = await page.evaluate(async () => {
      const response = await fetch((globalThis as AppWindow).location.href);
      return response.headers.get('content-security-policy');
    });
    expect(csp).toMatch(/^default-src 'none'; script-src 'self'/);
  });

  it('lists instances through real IPC, and refuses bad params with the envelope', async () => {
    const listed = await page.evaluate(() =>
      (globalThis as AppWindow).berth.invoke('instances.list', {}),
    );
    expect(listed).toMatchObject({ ok: true, result: { driver: 'qemu', instances: [] } });

    const bad = await page.evaluate(() =>
      (globalThis as AppWindow).berth.invoke('instances.start', { name: 42 } as never),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('shows the empty scope in the window, fetched through the preload', async () => {
    await expect.poll(() => page.getByTestId('empty-scope').textContent()).toContain('QEMU');
  });

  it('keeps one instance: a second launch hands over and exits', async () => {
    const second = await execa(binary ?? '', [root], {
      env: env(),
      reject: false,
      timeout: 20_000,
    });
    expect(second.exitCode).toBe(0);
    const count = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(count).toBe(1);
  });

  it('builds the tray menu from the core’s state and clicks through it', async () => {
    const model = await trayModel();
    expect(find(model, 'status')?.label).toBe('QEMU · no instances');
    expect(await clickTray('primary:missing')).toMatch(/is disabled: No instance is named/);
    expect(await clickTray('open')).toBeNull();
    const visible = await app.evaluate(() =>
      (globalThis as ShellGlobals).berthShell.windowVisible(),
    );
    expect(visible).toBe(true);
  });

  const { guest, reason } = tinyGuest();
  it.skipIf(guest === null)(
    `boots an instance through IPC and stops it from the tray ${reason ?? ''}`,
    async () => {
      if (!guest) return;
      const launched = await page.evaluate(
        (g) =>
          (globalThis as AppWindow).berth.invoke('instances.launch', {
            name: 'web',
            image: g.disk,
            kernel: g.kernel,
            initrd: g.initrd,
            cmdline: g.cmdline,
            memoryBytes: 512 * 1024 * 1024,
          }),
        guest,
      );
      expect(launched).toMatchObject({ ok: true, result: { name: 'web', state: 'running' } });
      const state = page.getByTestId('instance-web-state');
      await expect.poll(() => state.textContent(), { timeout: BOOT_MS }).toBe('Running');
      await expect
        .poll(async () => find(await trayModel(), 'instance:web')?.label)
        .toBe('web — Running');

      expect(await clickTray('instance:web:stop')).toBeNull();
      await expect.poll(() => state.textContent(), { timeout: BOOT_MS }).toBe('Stopped');
      await expect
        .poll(async () => find(await trayModel(), 'instance:web:start')?.enabled)
        .toBe(true);
    },
    BOOT_MS * 3,
  );
});

function find(menu: readonly TrayMenuItem[], id: string): TrayMenuItem | null {
  for (const entry of menu) {
    if (entry.id === id) return entry;
    const inner = entry.submenu ? find(entry.submenu, id) : null;
    if (inner) return inner;
  }
  return null;
}
