/** `berth mount|umount`: share host folders into instances as native mounts, Multipass style. */
import { resolve } from 'node:path';
import type { BerthClient } from '../../../src-shared/api';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { usageText } from '../usage';
import { type InstancePath, parseInstancePath } from './device-args';
import { forEachName } from './each-name';

const mountUsage = usageText({
  synopsis: ['mount <source> <name>[:<target>]...'],
  description: [
    'Share the host folder <source> into instances as a native mount, at <target> (default:',
    'the same path as on the host). Instances take it while running. LXD only in this build;',
    'not on a remote server, which cannot see this computer.',
  ].join('\n'),
});

/** Each `<name>[:<target>]`, in order; at least one after the source. */
function mountTargets(argv: string[], usage: string): [string, InstancePath[]] {
  const { positionals } = parseCommandArgs(argv, {}, usage);
  const [source, ...specs] = positionals;
  if (source === undefined) throw new UsageError('Missing <source>', usage);
  if (specs.length === 0) throw new UsageError('Missing <name>[:<target>]', usage);
  return [source, specs.map((spec) => parseInstancePath(spec, usage))];
}

/** The `mount` command. */
export const mountCommand: Command = {
  name: 'mount',
  summary: 'Share a host folder into instances',
  usage: mountUsage,
  run: async (argv, ctx) => {
    const [typed, targets] = mountTargets(argv, mountUsage);
    const source = resolve(ctx.cwd, typed);
    return ctx.session.withClient((client) =>
      forEachName(ctx, targets, async ({ instance, target }) => {
        const request = { instance, source, target: target ?? source };
        const added = await client.call('mounts.add', request);
        ctx.output.out(`Mounted ${added.source} at ${instance}:${added.target}\n`);
      }),
    );
  },
};

const umountUsage = usageText({
  synopsis: ['umount <name>[:<target>]...'],
  description: 'Remove the mount at <target> from an instance, or all its mounts without one.',
});

/** The `umount` command. */
export const umountCommand: Command = {
  name: 'umount',
  summary: 'Remove mounts from instances',
  usage: umountUsage,
  run: async (argv, ctx) => {
    const { positionals } = parseCommandArgs(argv, {}, umountUsage);
    if (positionals.length === 0) throw new UsageError('Missing <name>[:<target>]', umountUsage);
    const specs = positionals.map((spec) => parseInstancePath(spec, umountUsage));
    return ctx.session.withClient((client) =>
      forEachName(ctx, specs, async ({ instance, target }) => {
        const targets = target ? [target] : await mountedTargets(client, instance);
        for (const each of targets) {
          await client.call('mounts.remove', { instance, target: each });
          ctx.output.out(`Unmounted ${instance}:${each}\n`);
        }
        if (targets.length === 0) ctx.output.err(`${instance} has no mounts.\n`);
      }),
    );
  },
};

async function mountedTargets(client: BerthClient, instance: string): Promise<string[]> {
  const mounts = await client.call('mounts.list', { instance });
  return mounts.map((m) => m.target);
}
