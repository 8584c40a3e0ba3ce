/**
 * Debian's Chromium under Playwright, with the flags this machine needs (no sandbox as root,
 * no GPU, no background traffic to a network that is closed). Missing Chromium skips the
 * window suites with the reason printed, except in CI, where it fails.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright';

/** Where Debian installs Chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Why Chromium cannot run here, or null. */
export function chromiumMissing(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(`CI cannot skip the window tests: ${reason}`);
  process.stderr.write(`[berth e2e] skipping window tests: ${reason}\n`);
  return reason;
}

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}
