/** `berth info`: everything about some instances (all of them when none is named). */
import type { BerthClient } from '../../../src-shared/api';
import { BerthError } from '../../../src-shared/errors';
import { layout } from '../../core/data-dir';
import { checkNames, FORMAT_FLAG, parseCommandArgs, parseFormat } from '../args';
import type { Command } from '../command';
import { describeError, EXIT, exitCodeFor } from '../errors';
import { type InfoEntry, infoView } from '../format/instances';
import { renderView } from '../format/render';
import { FORMAT_OPTION, usageText } from '../usage';

const usage = usageText({
  synopsis: ['info [<name>...] [--console] [--format <format>]'],
  description:
    'Show details about instances: all of them, deleted ones included, when none is named.\n' +
    'Mounts and extra NICs are shown where the driver has them.',
  options: [['--console', "Also print each instance's serial console log"], FORMAT_OPTION],
});

const options = { console: { type: 'boolean' }, ...FORMAT_FLAG } as const;

/** The `info` command. */
export const infoCommand: Command = {
  name: 'info',
  summary: 'Show details about instances',
  usage,
  run: async (argv, ctx) => {
    const { values, positionals } = parseCommandArgs(argv, options, usage);
    const format = parseFormat(values.format, usage);
    checkNames(positionals);

    const { entries, failures } = await ctx.session.withClient((client) =>
      collect(client, positionals, values.console === true),
    );
    if (entries.length > 0) {
      ctx.output.out(renderView(format, infoView(entries, layout.sshKeyFile(ctx.dataDir))));
    } else if (failures.length === 0) {
      ctx.output.err('No instances found.\n');
    }
    for (const failure of failures) ctx.output.err(describeError(failure));
    return failures.length > 0 ? exitCodeFor(failures[0]) : EXIT.ok;
  },
};

/** Fetches each named instance (or all), keeping failures so the others still print. */
async function collect(client: BerthClient, names: string[], withConsole: boolean) {
  const entries: InfoEntry[] = [];
  const failures: unknown[] = [];
  const fetchers =
    names.length > 0
      ? names.map((name) => () => client.call('instances.info', { name }))
      : (await client.call('instances.list', { includeDeleted: true })).instances.map(
          (instance) => async () => instance,
        );

  // One at a time: a failure must not leave other requests' rejections unobserved.
  for (const fetch of fetchers) {
    try {
      const instance = await fetch();
      const console = withConsole
        ? await client.call('instances.console', { name: instance.name })
        : undefined;
      const devices = await deviceLists(client, instance.name);
      entries.push(console ? { instance, console, ...devices } : { instance, ...devices });
    } catch (error) {
      failures.push(error);
    }
  }
  return { entries, failures };
}

/** The instance's mounts and NICs; none where the driver or the daemon cannot say. */
async function deviceLists(client: BerthClient, instance: string) {
  try {
    const mounts = await client.call('mounts.list', { instance });
    const networks = await client.call('networks.list', { instance });
    return { mounts, networks };
  } catch (error) {
    // A daemon or driver without devices refuses; the rest of the info still matters.
    if (error instanceof BerthError) return {};
    throw error;
  }
}
