/** The bundled CLI's entry point (dist/cli.mjs): runs `main` on the process's arguments. */
import { main } from './main';
import { flushProcessOutput } from './output';

const exitCode = await main(process.argv.slice(2));
await flushProcessOutput();
// Exit explicitly: a handle left open somewhere must not keep a finished command alive.
process.exit(exitCode);
