/**
 * `npm run test:electron`: the Playwright `_electron` suite, run only where an Electron binary
 * exists (the npm package's download, or ELECTRON_OVERRIDE_DIST_PATH). Where there is none it
 * prints one line saying exactly why, runs nothing, and counts nothing as passed: the line
 * reads NOT RUN and no "tests:" total follows. It exits 0 then, so machines that cannot fetch
 * Electron (these build machines) still finish CI; BERTH_REQUIRE_ELECTRON=1 makes it exit 1,
 * for a CI runner that has Electron and must not lose the suite silently.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { diskProbe, findElectronBinary } from '../src-main/shell/electron-binary';

const root = resolve(import.meta.dirname, '..');
const node = process.execPath;
const report = join(root, '.cache', 'electron-report.json');

const electron = findElectronBinary({
  ...diskProbe,
  env: process.env,
  platform: process.platform,
  packageRoot: root,
});

if (!electron.found) {
  const { version } = JSON.parse(
    readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as { version: string };
  const required = process.env.BERTH_REQUIRE_ELECTRON === '1';
  process.stdout.write(
    `electron suite: NOT RUN (not passed): ${electron.reason}. ` +
      `To run it, unpack Electron ${version} and set ELECTRON_OVERRIDE_DIST_PATH to its folder.\n`,
  );
  process.exitCode = required ? 1 : 0;
} else {
  process.stdout.write(`electron suite: running with ${electron.path}\n`);
  await execa(node, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const run = await execa(
    node,
    [
      vitest,
      'run',
      '--config',
      'e2e/electron.vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    {
      cwd: root,
      stdio: 'inherit',
      reject: false,
      env: { BERTH_ELECTRON_BINARY: electron.path },
    },
  );
  // The same rule as the main suite: a skipped test is not a pass in CI.
  const skips = await execa(node, ['scripts/check-skips.mjs', report], {
    cwd: root,
    stdio: 'inherit',
    reject: false,
  });
  process.exitCode = run.exitCode || skips.exitCode || 0;
}
