/** `berth drivers`: which hypervisor drivers exist here, which is active, what each can do. */
import { expectPositionals, FORMAT_FLAG, parseCommandArgs, parseFormat } from '../args';
import type { Command } from '../command';
import { EXIT } from '../errors';
import { driversView } from '../format/drivers';
import { renderView } from '../format/render';
import { FORMAT_OPTION, usageText } from '../usage';

const usage = usageText({
  synopsis: ['drivers [--format <format>]'],
  description: [
    'Show the hypervisor drivers on this computer: whether each is available (and if not,',
    'why and how to fix it), its version and acceleration, which one is active and which is',
    'the default, what it can do, and how many instances its scope holds.',
    'Change the active driver with `berth set local.driver=<driver>`.',
  ].join('\n'),
  options: [FORMAT_OPTION],
});

/** The `drivers` command. */
export const driversCommand: Command = {
  name: 'drivers',
  summary: 'Show hypervisor drivers and what they can do here',
  usage,
  run: async (argv, ctx) => {
    const { values, positionals } = parseCommandArgs(argv, FORMAT_FLAG, usage);
    const format = parseFormat(values.format, usage);
    expectPositionals(positionals, [], usage);
    const drivers = await ctx.session.withClient((client) =>
      client.call('drivers.list', { fresh: true }),
    );
    ctx.output.out(renderView(format, driversView(drivers)));
    return EXIT.ok;
  },
};
