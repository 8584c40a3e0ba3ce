import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src-main/**/*.test.ts',
      'src-shared/**/*.test.ts',
      // Renderer tests pick jsdom with a `// @vitest-environment jsdom` first line.
      'src-renderer/**/*.test.{ts,tsx}',
      'e2e/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Real-VM tests boot guests under software emulation; two cores cannot run many at once.
    maxWorkers: 2,
  },
});
