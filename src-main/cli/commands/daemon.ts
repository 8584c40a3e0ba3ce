/** `berth daemon`: own the data directory and serve other `berth` commands until stopped. */
import { expectPositionals, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { EXIT } from '../errors';
import { usageText } from '../usage';

const usage = usageText({
  synopsis: ['daemon'],
  description: [
    'Own the data directory and serve the Berth API on the local socket until Ctrl-C or',
    'SIGTERM. Other `berth` commands then talk to this process instead of opening the core',
    'themselves. Prints the socket path once serving. Fails if another process owns the',
    'data directory.',
  ].join('\n'),
});

/** The `daemon` command. */
export const daemonCommand: Command = {
  name: 'daemon',
  summary: 'Own the data directory and serve other berth commands until stopped',
  usage,
  run: async (argv, ctx) => {
    const { positionals } = parseCommandArgs(argv, {}, usage);
    expectPositionals(positionals, [], usage);
    // Listen for the signals before serving so one arriving during start-up is not missed.
    const terminated = ctx.signals.untilTerminated();
    await ctx.session.serveUntil(terminated, (socketPath) => {
      ctx.output.out(`Serving ${ctx.dataDir} on ${socketPath}\n`);
      ctx.output.err('Press Ctrl-C to stop.\n');
    });
    ctx.output.err('Stopped.\n');
    return EXIT.ok;
  },
};
