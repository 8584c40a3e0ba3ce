/** `berth list`: the instances of the active driver's scope. */
import { FORMAT_FLAG, parseCommandArgs, parseFormat } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { listView } from '../format/instances';
import { renderView } from '../format/render';
import { FORMAT_OPTION, usageText } from '../usage';

const usage = usageText({
  synopsis: ['list [--deleted] [--format <format>]'],
  description: "List the instances of the active driver's scope.",
  options: [['--deleted', 'Include deleted (recoverable) instances'], FORMAT_OPTION],
});

const options = { deleted: { type: 'boolean' }, ...FORMAT_FLAG } as const;

/** The `list` command. */
export const listCommand: Command = {
  name: 'list',
  summary: 'List instances',
  usage,
  run: async (argv, ctx) => {
    const { values, positionals } = parseCommandArgs(argv, options, usage);
    if (positionals.length > 0)
      throw new UsageError(`Unexpected argument "${positionals[0]}"`, usage);
    const format = parseFormat(values.format, usage);

    const response = await ctx.session.withClient((client) =>
      client.call('instances.list', { includeDeleted: values.deleted === true }),
    );
    if (response.instances.length === 0 && format === 'table') {
      ctx.output.err('No instances found.\n');
      return EXIT.ok;
    }
    ctx.output.out(renderView(format, listView(response)));
    return EXIT.ok;
  },
};
