/**
 * Bundles Berth's entry points with esbuild into dist/:
 * - the CLI (dist/cli.mjs), with its pure-JavaScript dependencies inside (see CLI below);
 * - the Electron main process (dist/shell/main.mjs): dependencies and electron stay external,
 *   installed beside the bundle, so only our own code is bundled. Add one to ENTRIES.
 * - the Electron preload (dist/shell/preload.cjs): one CommonJS file with everything but
 *   electron inside, because a sandboxed preload may require nothing else.
 * - the window (dist/renderer): everything bundled for the browser, because the page is
 *   served under a CSP that loads nothing but its own app.js and app.css.
 * - the icons (dist/icons), rendered from assets/berth.svg by scripts/icons.mjs.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { renderIcons } from './icons.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each entry: the source file and the bundle's name under dist/ (".mjs" is appended). */
const ENTRIES = [{ in: 'src-main/shell/main.ts', out: 'shell/main' }];

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

/**
 * The CLI: its pure-JavaScript dependencies bundled in and minified, because resolving and
 * compiling hundreds of package files took about 40% of every short command (`berth list`
 * 0.38 s -> 0.23 s here). Packages with optional native parts (ssh2, ws's helpers) stay
 * external; `require` is provided for the CommonJS packages bundled into this ES module.
 */
const CLI = {
  ...COMMON,
  absWorkingDir: root,
  entryPoints: [{ in: 'src-main/cli/index.ts', out: 'cli' }],
  packages: undefined,
  external: ['ssh2', 'electron', 'bufferutil', 'utf-8-validate'],
  minify: true,
  banner: {
    js:
      "import { createRequire as berthRequire } from 'node:module'; " +
      'const require = berthRequire(import.meta.url);',
  },
};

/**
 * The preload. Platform "browser" makes esbuild refuse any Node module that slips into its
 * imports, since the sandboxed preload could not load it.
 */
const PRELOAD = {
  absWorkingDir: root,
  entryPoints: ['src-main/shell/preload.ts'],
  outfile: 'dist/shell/preload.cjs',
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'chrome120',
  external: ['electron'],
  sourcemap: true,
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
await build(CLI);
await build(PRELOAD);

await mkdir(`${root}/dist/renderer`, { recursive: true });
await build(RENDERER);
await copyFile(`${root}/src-renderer/index.html`, `${root}/dist/renderer/index.html`);

const icons = await renderIcons();
process.stderr.write(`  dist/icons: ${icons.length} files from assets/berth.svg\n`);
