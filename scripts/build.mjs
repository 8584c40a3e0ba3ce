/**
 * Bundles Berth's entry points with esbuild into dist/. Dependencies stay external (they are
 * installed beside the bundle), so only our own code is bundled. Add a bundle by adding an
 * entry to ENTRIES.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Each entry: the source file and the bundle's name under dist/ (".mjs" is appended). */
const ENTRIES = [{ in: 'src-main/cli/index.ts', out: 'cli' }];

/** Options every bundle shares. */
const COMMON = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  logLevel: 'info',
};

await build({
  ...COMMON,
  absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
  entryPoints: ENTRIES,
});
