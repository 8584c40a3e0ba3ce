import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OPEN_PAGE_FILE,
  openBrowserProblem,
  openerCommand,
  openInBrowser,
  redirectPage,
} from './open-browser';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'berth-open-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('deciding to open a browser', () => {
  it('opens only for a person at a terminal with a display', () => {
    const linux = { platform: 'linux' as const, interactive: true };
    expect(openBrowserProblem({ ...linux, env: { DISPLAY: ':0' } })).toBeNull();
    expect(openBrowserProblem({ ...linux, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBeNull();
    expect(openBrowserProblem({ ...linux, env: {} })).toBe('there is no graphical display');
    expect(openBrowserProblem({ ...linux, env: { DISPLAY: ':0' }, interactive: false })).toBe(
      'stdout is not a terminal',
    );
    expect(openBrowserProblem({ platform: 'darwin', interactive: true, env: {} })).toBeNull();
  });

  it('uses each desktop’s opener', () => {
    expect(openerCommand('linux', '/d/x.html')).toEqual(['xdg-open', ['/d/x.html']]);
    expect(openerCommand('darwin', '/d/x.html')).toEqual(['open', ['/d/x.html']]);
    expect(openerCommand('win32', 'C:\\x.html')).toEqual(['explorer.exe', ['C:\\x.html']]);
  });
});

describe('opening the page', () => {
  it('hands the opener a private redirecting file, never the URL with the token', async () => {
    const url = 'http://127.0.0.1:4000/?token=secret';
    const seen: string[][] = [];
    const page = await openInBrowser(url, dataDir, (file) => {
      seen.push([file]);
      return ['true', [file]];
    });

    const file = join(dataDir, OPEN_PAGE_FILE);
    expect(seen).toEqual([[file]]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain(`content="0;url=${url}"`);
    await page.remove();
    expect(existsSync(file)).toBe(false);
  });

  it('rejects and leaves no file when the opener cannot start', async () => {
    const attempt = openInBrowser('http://127.0.0.1:1/', dataDir, () => ['/no/such/opener', []]);
    await expect(attempt).rejects.toThrow();
    expect(existsSync(join(dataDir, OPEN_PAGE_FILE))).toBe(false);
  });

  it('escapes markup characters in the redirect', () => {
    expect(redirectPage('http://x/?a="<b>"')).toContain('url=http://x/?a=&#34;&#60;b&#62;&#34;');
  });
});
