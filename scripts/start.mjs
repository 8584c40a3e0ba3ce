// `npm start [-- <options>]`: builds Berth, then opens the Berth window: in the Electron shell
// where an Electron binary exists (electron-binary.ts says where), else served to the browser
// by `berth serve` (the options go to it), with one line saying why.
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

let child;
if (electron.found) {
  process.stderr.write(`Starting the Berth app with Electron at ${electron.path}.\n`);
  // Electron reads package.json "main" (dist/shell/main.mjs) from the folder it is given.
  child = execa(electron.path, [root, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    reject: false,
  });
} else {
  const why = `Electron is not available here (${electron.reason})`;
  process.stderr.write(`${why}; serving the Berth window in your browser instead.\n`);
  const args = ['bin/berth.mjs', 'serve', ...process.argv.slice(2)];
  child = execa(node, args, { cwd: root, stdio: 'inherit', reject: false });
}
// Ctrl-C reaches the child from the terminal itself; wait for it to stop cleanly rather than
// dying first. A SIGTERM sent to this script alone is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
const result = await child;
process.exitCode = result.exitCode ?? 1;
