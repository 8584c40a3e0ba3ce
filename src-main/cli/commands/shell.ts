/** `berth shell`: an interactive shell in an instance, the primary one when none is named. */
import type { BerthClient } from '../../../src-shared/api';
import { checkNames, parseCommandArgs } from '../args';
import type { Command, CommandContext } from '../command';
import { UsageError } from '../errors';
import { runOperation } from '../operation';
import { usageText } from '../usage';
import { runGuestSession } from './guest-session';
import { processTerminalIo, type TerminalIo } from './terminal-io';

const usage = usageText({
  synopsis: ['shell [<name>]'],
  description: [
    'Open a shell in an instance, as its user; without a name, in the primary instance',
    '(the client.primary-name setting). A stopped instance is started first. LXD instances',
    'are reached through its exec API, others over SSH. When stdin is not a terminal the',
    'shell reads its commands from it.',
  ].join('\n'),
});

/** Runs the user's login shell where no terminal carries one (stdin is a pipe). */
const PIPED_LOGIN_SHELL = ['sh', '-c', '[ -n "$SHELL" ] || SHELL=/bin/sh; exec "$SHELL" -l'];

/** The `shell` command over `io` (the process's terminal unless a test gives another). */
export function createShellCommand(io: () => TerminalIo = processTerminalIo): Command {
  return {
    name: 'shell',
    summary: 'Open a shell in an instance',
    usage,
    run: async (argv, ctx) => {
      const { positionals } = parseCommandArgs(argv, {}, usage);
      if (positionals.length > 1) {
        throw new UsageError(`Unexpected argument "${positionals[1]}"`, usage);
      }
      checkNames(positionals);
      const terminal = io();
      const tty = terminal.stdinIsTerminal;
      return ctx.session.withClient(async (client) => {
        const instance = positionals[0] ?? (await primaryName(client));
        await startIfStopped(ctx, client, instance);
        const argv = tty ? null : PIPED_LOGIN_SHELL;
        return runGuestSession(client, terminal, ctx.signals, { instance, argv, tty });
      });
    },
  };
}

async function primaryName(client: BerthClient): Promise<string> {
  const { value } = await client.call('settings.get', { key: 'client.primary-name' });
  if (value === '') {
    throw new UsageError('Name an instance: no primary instance is set (client.primary-name)');
  }
  return value;
}

/** Starts `name` when it is stopped or suspended, as Multipass's shell does. */
async function startIfStopped(ctx: CommandContext, client: BerthClient, name: string) {
  const { state, deleted } = await client.call('instances.info', { name });
  if (deleted || (state !== 'stopped' && state !== 'suspended')) return;
  ctx.output.err(`Starting ${name}\n`);
  await runOperation(ctx, client, (operationId) =>
    client.call('instances.start', { name, operationId }),
  );
}

/** The `shell` command on the process's terminal. */
export const shellCommand = createShellCommand();
