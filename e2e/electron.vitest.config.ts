/** Vitest settings for the Playwright `_electron` suite only; see e2e/electron-run.ts. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/electron-app.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One app at a time: each holds its own core and, with the guest, a QEMU VM.
    maxWorkers: 1,
  },
});
