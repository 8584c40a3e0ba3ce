/** `berth network add|remove|list`: extra NICs of an instance, on host bridges. */
import { checkNames, expectPositionals, FORMAT_FLAG, parseCommandArgs, parseFormat } from '../args';
import type { Command, CommandContext } from '../command';
import { EXIT, UsageError } from '../errors';
import { networksView } from '../format/devices';
import { renderView } from '../format/render';
import { FORMAT_OPTION, usageText } from '../usage';

const usage = usageText({
  synopsis: [
    'network add <name> <bridge>',
    'network remove <name> <nic>',
    'network list <name> [--format <format>]',
  ],
  description: [
    'Add a NIC on a host bridge to an instance, remove one by the name the guest gives it',
    '(eth1, ...), or list them. A running container takes the change at once. LXD only in',
    'this build; on a remote server the bridge is one of the server.',
  ].join('\n'),
  options: [FORMAT_OPTION],
});

type Step = (argv: string[], ctx: CommandContext) => Promise<number>;

/** Reads `<name> <second>` after the subcommand, with no flags. */
function nameAnd(argv: string[], second: string): [string, string] {
  const { positionals } = parseCommandArgs(argv, {}, usage);
  expectPositionals(positionals, ['<name>', second], usage);
  const [name = '', value = ''] = positionals;
  checkNames([name]);
  return [name, value];
}

const add: Step = async (argv, ctx) => {
  const [instance, bridge] = nameAnd(argv, '<bridge>');
  const added = await ctx.session.withClient((client) =>
    client.call('networks.add', { instance, bridge }),
  );
  ctx.output.out(`Added ${added.nic} to ${instance} on ${added.bridge}\n`);
  return EXIT.ok;
};

const remove: Step = async (argv, ctx) => {
  const [instance, nic] = nameAnd(argv, '<nic>');
  await ctx.session.withClient((client) => client.call('networks.remove', { instance, nic }));
  ctx.output.out(`Removed ${nic} from ${instance}\n`);
  return EXIT.ok;
};

const list: Step = async (argv, ctx) => {
  const { values, positionals } = parseCommandArgs(argv, FORMAT_FLAG, usage);
  const format = parseFormat(values.format, usage);
  expectPositionals(positionals, ['<name>'], usage);
  const instance = positionals[0] ?? '';
  checkNames([instance]);
  const nics = await ctx.session.withClient((c) => c.call('networks.list', { instance }));
  if (nics.length === 0 && format === 'table') {
    ctx.output.err(`${instance} has no extra NICs.\n`);
    return EXIT.ok;
  }
  ctx.output.out(renderView(format, networksView(instance, nics)));
  return EXIT.ok;
};

const STEPS: Readonly<Record<string, Step>> = { add, remove, list };

/** The `network` command. */
export const networkCommand: Command = {
  name: 'network',
  summary: 'Add, remove or list extra NICs of an instance',
  usage,
  run: async (argv, ctx) => {
    const [sub, ...rest] = argv;
    const step = sub !== undefined && Object.hasOwn(STEPS, sub) ? STEPS[sub] : undefined;
    if (!step) {
      const problem = sub === undefined ? 'Missing the subcommand' : `Unknown subcommand "${sub}"`;
      throw new UsageError(`${problem}; use add, remove or list`, usage);
    }
    return step(rest, ctx);
  },
};
