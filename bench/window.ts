/**
 * The window's speed in Debian's Chromium against `berth serve`:
 * - load: page load to a populated list of 1,000 instances, over the load of a blank page
 *   from a loopback server in the same browser (goal <= 1.5), and over the window's own load
 *   with an empty scope (what the 1,000 instances add);
 * - filter: a keystroke in the search box to the next paint with 1,000 rows (goal <= 16 ms).
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { chromiumMissing, launchChromium } from '../e2e/support/chromium';
import { startServe } from '../e2e/support/serve-process';
import { writeListFixture } from './list-fixture';
import { median, ms, percentile, since } from './stats';

const ROUNDS = 7;
const FIRST_ROW = '[data-testid="instance-bench-01"]';

/** Runs the window benchmarks; `out` prints one line. */
export async function windowBench(out: (line: string) => void): Promise<void> {
  if (chromiumMissing()) {
    out('window: skipped (Chromium not installed)');
    return;
  }
  const full = await mkdtemp(join(tmpdir(), 'berth-bench-window-'));
  await writeListFixture(full, 1000);
  const [blank, closeBlank] = await serveBlankPage();
  const served = await startServe(full);
  const empty = await startServe();
  const browser = await launchChromium();
  try {
    const blankMs = await timeLoads(browser, blank, 'body');
    const emptyMs = await timeLoads(browser, empty.url, '[data-testid="empty-scope"]');
    const listMs = await timeLoads(browser, served.url, FIRST_ROW);
    out(`window: blank page load: median ${ms(blankMs)}`);
    out(`window: empty scope to its message: median ${ms(emptyMs)}`);
    out(
      `window: load to a populated list of 1,000: median ${ms(listMs)}  ` +
        `ratio to blank ${(listMs / blankMs).toFixed(2)}, to empty scope ` +
        `${(listMs / emptyMs).toFixed(2)}`,
    );
    const keys = await filterLatencies(browser, served.url);
    out(
      `window: filter keystroke to paint, 1,000 rows: median ${ms(median(keys))}, ` +
        `p95 ${ms(percentile(keys, 95))} (${keys.length} keys)`,
    );
  } finally {
    await browser.close();
    await Promise.all([served.stop(), empty.stop(), closeBlank()]);
    await rm(full, { recursive: true, force: true });
  }
}

/** Median time from navigation to `selector` being visible, each round in a fresh page. */
async function timeLoads(browser: Browser, url: string, selector: string): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const page = await browser.newPage();
    const started = performance.now();
    await page.goto(url);
    await page.waitForSelector(selector, { state: 'visible' });
    times.push(since(started));
    await page.close();
  }
  return median(times.slice(1));
}

/** Types into the search box and measures each key from keydown to the paint after it. */
async function filterLatencies(browser: Browser, url: string): Promise<number[]> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector(FIRST_ROW);
  await installKeyTimer(page);
  const search = page.getByTestId('instance-search');
  await search.click();
  for (const text of ['bench-9', 'bench-1', '5']) {
    await search.pressSequentially(text, { delay: 30 });
    for (let i = 0; i < text.length; i += 1) await search.press('Backspace', { delay: 30 });
  }
  await page.waitForTimeout(100);
  const latencies = (await page.evaluate('window.berthKeyTimes')) as number[];
  await page.close();
  return latencies;
}

/**
 * Records, for each keydown, the time until the frame after it has been painted: rAF runs
 * just before the paint, and a message posted from it arrives just after. Page code is text
 * because this file is type-checked for Node, without the DOM's types.
 */
const KEY_TIMER = `
  window.berthKeyTimes = [];
  document.addEventListener('keydown', () => {
    const started = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.berthKeyTimes.push(performance.now() - started);
      channel.port2.postMessage(null);
    });
  }, true);
`;

async function installKeyTimer(page: Page): Promise<void> {
  await page.evaluate(KEY_TIMER);
}

/** A loopback server of one empty HTML page: the baseline for the load ratio. */
async function serveBlankPage(): Promise<[string, () => Promise<void>]> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>blank</title><body>blank</body>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return [`http://127.0.0.1:${port}/`, close];
}
