/**
 * The Berth window in Debian's Chromium against `berth serve` with real QEMU and the tiny
 * guest: launch from the dialog, watch it become Running, stop, start, suspend, snapshot and
 * restore, switch driver through the picker and its preview, and come back to find the
 * instance running again. Screenshots land in .cache/screenshots (artifacts, not committed).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from './support/chromium';
import { tinyGuest } from './support/guests';
import { type ServedBerth, startServe } from './support/serve-process';

const { guest, reason } = tinyGuest();
const noBrowser = chromiumMissing();
const shots = resolve(import.meta.dirname, '..', '.cache', 'screenshots');
const BOOT_MS = 90_000;

describe.skipIf(guest === null || noBrowser !== null)(
  `the window in Chromium with real QEMU ${reason ?? noBrowser ?? ''}`,
  () => {
    let served: ServedBerth;
    let browser: Browser;
    let page: Page;

    const byId = (id: string) => page.getByTestId(id);
    const shot = async (name: string) => {
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await page.screenshot({ path: join(shots, `${name}-${theme}.png`) });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    };

    beforeAll(async () => {
      await mkdir(shots, { recursive: true });
      served = await startServe();
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(served.url);
    });
    afterAll(async () => {
      await page?.goto(served.url).catch(() => null);
      await browser?.close();
      await purgeAll(served);
      await served?.stop();
    });

    it('shows the empty QEMU scope and what to do next', async () => {
      await expect.poll(() => byId('empty-scope').textContent()).toContain('QEMU');
      expect(await byId('active-scope').textContent()).toContain('qemu');
      await shot('empty-list');
    });

    it('launches the tiny guest from the dialog and shows it Running', async () => {
      if (!guest) return;
      await byId('launch-open').click();
      await byId('launch-name').fill('web');
      await byId('launch-image').fill(guest.disk);
      await byId('launch-memory').fill('512M');
      await byId('launch-advanced').click();
      await byId('launch-kernel').fill(guest.kernel);
      await byId('launch-initrd').fill(guest.initrd);
      await byId('launch-cmdline').fill(guest.cmdline);
      await shot('launch-dialog');
      await byId('launch-submit').click();
      await expect.poll(() => byId('launch-progress').textContent()).toMatch(/boot|seed|disk/i);
      await waitForState(page, 'web', 'Running');
      await shot('list-running');
    });

    it('stops, starts, and suspends with the buttons gated by state', async () => {
      await byId('instance-web-stop').click();
      await waitForState(page, 'web', 'Stopped');
      const suspend = byId('instance-web-suspend');
      expect(await suspend.getAttribute('aria-disabled')).toBe('true');
      expect(await suspend.getAttribute('title')).toBe('Only a running instance can be suspended');
      await byId('instance-web-start').click();
      await waitForState(page, 'web', 'Running');
      await byId('instance-web-suspend').click();
      await waitForState(page, 'web', 'Suspended');
      await byId('instance-web-start').click();
      await waitForState(page, 'web', 'Running');
    });

    it('takes and restores a snapshot on the instance page', async () => {
      await byId('instance-web-snapshot').hover();
      expect(await byId('instance-web-snapshot').getAttribute('title')).toBe(
        'Snapshots need a stopped instance',
      );
      await byId('instance-web-stop').click();
      await waitForState(page, 'web', 'Stopped');
      await byId('instance-web-open').click();
      await byId('instance-web-snapshot').click();
      await confirmIfAsked(page);
      await byId('snapshot-web-snapshot1').waitFor({ timeout: 20_000 });
      await byId('snapshot-web-snapshot1-restore').click();
      await byId('confirm-ok').click();
      await expect.poll(() => notificationsText(page)).not.toMatch(/fail|error/i);
      await shot('instance-page');
      await byId('instance-web-start').click();
      await waitForState(page, 'web', 'Running');
      await byId('nav-instances').click();
    });

    it('switches to LXD through the preview and back, finding web running again', async () => {
      await byId('driver-picker').click();
      await byId('driver-option-lxd').click();
      const preview = byId('driver-preview');
      await expect.poll(() => preview.textContent()).toMatch(/Suspended: web/);
      expect(await preview.textContent()).toMatch(/Nothing is deleted/);
      await shot('driver-preview');
      await byId('driver-preview-confirm').click();
      await expect
        .poll(() => byId('active-scope').textContent(), { timeout: 60_000 })
        .toContain('lxd');
      await expect.poll(() => byId('empty-scope').textContent()).toContain('LXD');

      await byId('driver-picker').click();
      await byId('driver-option-qemu').click();
      await expect.poll(() => byId('driver-preview').textContent()).toMatch(/web/);
      await byId('driver-preview-confirm').click();
      await waitForState(page, 'web', 'Running');
    });

    it('shows the settings page and applies the theme live', async () => {
      await byId('nav-settings').click();
      await byId('setting-client.theme').selectOption('dark');
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
      await page.screenshot({ path: join(shots, 'settings-dark.png') });
      await byId('setting-client.theme').selectOption('light');
      await page.screenshot({ path: join(shots, 'settings-light.png') });
      await byId('setting-client.theme').selectOption('system');
      await byId('nav-instances').click();
    });

    it('refuses a page load without the token, in the browser too', async () => {
      const other = await browser.newPage();
      const response = await other.goto(served.origin);
      expect(response?.status()).toBe(401);
      await other.close();
    });
  },
);

/** Waits until the row of `name` shows `label`. */
async function waitForState(page: Page, name: string, label: string): Promise<void> {
  await expect
    .poll(() => page.getByTestId(`instance-${name}-state`).textContent(), { timeout: BOOT_MS })
    .toBe(label);
}

async function confirmIfAsked(page: Page): Promise<void> {
  const ok = page.getByTestId('confirm-ok');
  if (await ok.isVisible().catch(() => false)) await ok.click();
}

async function notificationsText(page: Page): Promise<string> {
  const all = await page.getByTestId('notification').allTextContents();
  return all.join('\n');
}

/** Removes every VM the suite made, through a second client of the same owner. */
async function purgeAll(served: ServedBerth | undefined): Promise<void> {
  if (!served) return;
  const { execa } = await import('execa');
  const bin = resolve(import.meta.dirname, '..', 'bin', 'berth.mjs');
  const env = { BERTH_HOME: served.dataDir };
  await execa(process.execPath, [bin, 'set', 'local.driver=qemu'], { env, reject: false });
  await execa(process.execPath, [bin, 'delete', '--purge', 'web'], { env, reject: false });
}
