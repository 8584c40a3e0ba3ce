// `npm start [-- <berth serve options>]`: builds Berth, then opens the Berth window. The
// Electron shell comes in a later step, so for now the window is always served to the
// browser by `berth serve`; which of the two applies is decided by electron-binary.ts.
// The CLI itself is `npm run berth -- <command>`.
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;

await execa(node, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });

const { diskProbe, findElectronBinary } = await tsImport(
  '../src-main/shell/electron-binary.ts',
  import.meta.url,
);
const electron = findElectronBinary({
  ...diskProbe,
  env: process.env,
  platform: process.platform,
  packageRoot: root,
});
const why = electron.found
  ? `Electron is at ${electron.path}, but the Electron shell comes in a later step`
  : `Electron is not available here (${electron.reason})`;
process.stderr.write(`${why}; serving the Berth window in your browser instead.\n`);

const args = ['bin/berth.mjs', 'serve', ...process.argv.slice(2)];
const serve = execa(node, args, { cwd: root, stdio: 'inherit', reject: false });
// Ctrl-C reaches `berth serve` from the terminal itself; wait for it to stop cleanly rather
// than dying first. A SIGTERM sent to this script alone is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => serve.kill('SIGTERM'));
const result = await serve;
process.exitCode = result.exitCode ?? 1;
