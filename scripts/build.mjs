/**
 * Bundles Berth's entry points with esbuild into dist/:
 * - the Node bundles (the CLI): dependencies stay external, installed beside the bundle, so
 *   only our own code is bundled. Add one by adding an entry to ENTRIES.
 * - the window (dist/renderer): everything bundled for the browser, because the page is
 *   served under a CSP that loads nothing but its own app.js and app.css.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each entry: the source file and the bundle's name under dist/ (".mjs" is appended). */
const ENTRIES = [{ in: 'src-main/cli/index.ts', out: 'cli' }];

/** Options every Node bundle shares. */
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

/** The window: main.tsx and the CSS it imports become app.js and app.css. */
const RENDERER = {
  absWorkingDir: root,
  entryPoints: [{ in: 'src-renderer/main.tsx', out: 'app' }],
  outdir: 'dist/renderer',
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'chrome120',
  jsx: 'automatic',
  minify: true,
  sourcemap: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'info',
};

await build({ ...COMMON, absWorkingDir: root, entryPoints: ENTRIES });

await mkdir(`${root}/dist/renderer`, { recursive: true });
await build(RENDERER);
await copyFile(`${root}/src-renderer/index.html`, `${root}/dist/renderer/index.html`);
