/** `berth exec`: runs one command in a running instance, streaming, with its exit code. */
import { checkNames, expectPositionals, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { usageText } from '../usage';
import { runGuestSession } from './guest-session';
import { processTerminalIo, type TerminalIo } from './terminal-io';

const usage = usageText({
  synopsis: ['exec <name> [options] [--] <command> [<argument>...]'],
  description: [
    'Run a command in a running instance and exit with its exit code; output shows as it is',
    'produced. When stdin and stdout are both a terminal the command gets one (as ssh -t);',
    'otherwise stdout and stderr stay apart and stdin is passed through. The command runs as',
    "the instance's user: through LXD's exec API on LXD, over SSH elsewhere.",
  ].join('\n'),
  options: [['-T, --no-tty', 'Never give the command a terminal (stdout and stderr apart)']],
});

const options = { 'no-tty': { type: 'boolean', short: 'T' } } as const;

/** The `exec` command over `io` (the process's terminal unless a test gives another). */
export function createExecCommand(io: () => TerminalIo = processTerminalIo): Command {
  return {
    name: 'exec',
    summary: 'Run a command in an instance',
    usage,
    run: async (argv, ctx) => {
      const { head, command } = splitCommand(argv);
      const { values, positionals } = parseCommandArgs(head, options, usage);
      expectPositionals(positionals, ['<name>'], usage);
      const instance = positionals[0] ?? '';
      checkNames([instance]);
      if (command.length === 0) throw new UsageError('Missing the command to run', usage);

      const terminal = io();
      const tty = !values['no-tty'] && terminal.stdinIsTerminal && terminal.stdoutIsTerminal;
      return ctx.session.withClient((client) =>
        runGuestSession(client, terminal, ctx.signals, { instance, argv: command, tty }),
      );
    },
  };
}

/**
 * Splits `berth exec` words into its own (options, the name) and the command: everything
 * after `--`, or without one, everything after the first word that is not an option.
 */
export function splitCommand(argv: readonly string[]): { head: string[]; command: string[] } {
  const dashes = argv.indexOf('--');
  if (dashes !== -1) return { head: argv.slice(0, dashes), command: argv.slice(dashes + 1) };
  const name = argv.findIndex((word) => !word.startsWith('-'));
  if (name === -1) return { head: [...argv], command: [] };
  return { head: argv.slice(0, name + 1), command: argv.slice(name + 1) };
}

/** The `exec` command on the process's terminal. */
export const execCommand = createExecCommand();
