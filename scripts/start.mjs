// `npm start [-- <berth arguments>]`: builds Berth, then runs the `berth` command with the
// given arguments (no arguments: the list of drivers and the help). The desktop window comes
// with the renderer and Electron shell; until then the CLI is how Berth is used.
import { execa } from 'execa';

const node = process.execPath;
await execa(node, ['scripts/build.mjs'], { stdio: 'inherit' });
const args = process.argv.slice(2);
const runs = args.length > 0 ? [args] : [['drivers'], ['help']];
let code = 0;
for (const run of runs) {
  const result = await execa(node, ['bin/berth.mjs', ...run], { stdio: 'inherit', reject: false });
  code = result.exitCode ?? 1;
}
process.exitCode = code;
