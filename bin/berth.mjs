#!/usr/bin/env node
/**
 * The `berth` command. Runs the built bundle dist/cli.mjs when it exists (`npm run build`).
 * Without a bundle, or with BERTH_FROM_SOURCE=1, it runs the TypeScript sources through tsx
 * in this process, for development. With neither available it says how to build.
 */
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
const source = new URL('../src-main/cli/index.ts', import.meta.url);

if (existsSync(bundle) && process.env.BERTH_FROM_SOURCE !== '1') {
  await import(bundle.href);
} else {
  const tsx = await import('tsx/esm/api').catch(() => null);
  if (tsx) {
    tsx.register();
    await import(source.href);
  } else {
    process.stderr.write("berth: dist/cli.mjs is missing; run 'npm run build' first\n");
    process.exitCode = 1;
  }
}
