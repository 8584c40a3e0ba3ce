/** `berth start|stop|suspend|restart`: one power action on named instances, or on all. */
import type { BerthClient, InstanceInfo } from '../../../src-shared/api';
import { actionBlockReason } from '../../../src-shared/predicates';
import { namesOrAll, type OptionsConfig, parseCommandArgs, parseWholeNumber } from '../args';
import type { Command, CommandContext } from '../command';
import { runOperation } from '../operation';
import { type OptionHelp, usageText } from '../usage';
import { forEachName } from './each-name';

type PowerAction = 'start' | 'stop' | 'suspend' | 'restart';

/** Extra request fields from the flags (only `stop` has any). */
type StopExtras = { force?: boolean; timeoutSec?: number };

interface PowerSpec {
  action: PowerAction;
  summary: string;
  description: string;
  done: string;
  options: OptionsConfig;
  help: readonly OptionHelp[];
}

const ALL_OPTION: OptionHelp = ['--all', 'Every instance the action applies to'];

const SPECS: readonly PowerSpec[] = [
  {
    action: 'start',
    summary: 'Start instances',
    description: 'Start instances and wait until they answer over SSH.',
    done: 'Started',
    options: {},
    help: [],
  },
  {
    action: 'stop',
    summary: 'Stop instances',
    description: 'Shut instances down: ACPI power-off first, or at once with --force.',
    done: 'Stopped',
    options: { force: { type: 'boolean' }, timeout: { type: 'string' } },
    help: [
      ['--force', 'Power off at once (a suspended instance loses its saved state)'],
      ['--timeout <seconds>', 'How long to wait for a clean shutdown (1-3600)'],
    ],
  },
  {
    action: 'suspend',
    summary: 'Suspend instances',
    description: 'Save the state of running instances to disk and stop them.',
    done: 'Suspended',
    options: {},
    help: [],
  },
  {
    action: 'restart',
    summary: 'Restart instances',
    description: 'Restart running instances and wait until they answer over SSH.',
    done: 'Restarted',
    options: {},
    help: [],
  },
];

function buildCommand(spec: PowerSpec): Command {
  const usage = usageText({
    synopsis: [`${spec.action} <name>... [options]`, `${spec.action} --all [options]`],
    description: spec.description,
    options: [...spec.help, ALL_OPTION],
  });
  const options = { ...spec.options, all: { type: 'boolean' } } as const;

  const run = async (argv: string[], ctx: CommandContext): Promise<number> => {
    const parsed = parseCommandArgs(argv, options, usage);
    const { positionals } = parsed;
    // Flags differ per command; only `stop` defines force and timeout.
    const values: Record<string, unknown> = parsed.values;
    const names = namesOrAll(positionals, values.all === true, usage);
    const extras: StopExtras = {};
    if (values.force === true) extras.force = true;
    if (typeof values.timeout === 'string') {
      extras.timeoutSec = parseWholeNumber(values.timeout, '--timeout', 1, 3600);
    }

    return ctx.session.withClient(async (client) => {
      const targets = names.length > 0 ? names : await applicable(client, spec.action);
      if (targets.length === 0) ctx.output.err(`No instances to ${spec.action}.\n`);
      return forEachName(ctx, targets, async (name) => {
        await power(ctx, client, spec.action, name, extras);
        ctx.output.out(`${spec.done} ${name}\n`);
      });
    });
  };

  return { name: spec.action, summary: spec.summary, usage, run };
}

/** For --all: the instances the action is allowed on now, judged by the shared predicates. */
async function applicable(client: BerthClient, action: PowerAction): Promise<string[]> {
  const { driver, instances } = await client.call('instances.list', {});
  const allowed = (i: InstanceInfo) => actionBlockReason(action, i, driver) === null;
  return instances.filter(allowed).map((i) => i.name);
}

function power(
  ctx: CommandContext,
  client: BerthClient,
  action: PowerAction,
  name: string,
  extras: StopExtras,
): Promise<InstanceInfo> {
  return runOperation(ctx, client, (operationId) => {
    if (action === 'stop') return client.call('instances.stop', { name, operationId, ...extras });
    return client.call(`instances.${action}`, { name, operationId });
  });
}

/** The four power commands, in help order. */
export const lifecycleCommands: readonly Command[] = SPECS.map(buildCommand);
