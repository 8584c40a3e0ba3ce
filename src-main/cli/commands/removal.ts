/** `berth delete|recover|purge`: soft delete, undo it, and make it permanent. */
import type { BerthClient } from '../../../src-shared/api';
import { namesOrAll, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { usageText } from '../usage';
import { forEachName } from './each-name';

const deleteUsage = usageText({
  synopsis: ['delete <name>... [--purge]'],
  description: [
    'Delete instances. They stop and are kept as "Deleted" until purged, so `berth recover`',
    'can bring them back; --purge removes them and their disks at once.',
  ].join('\n'),
  options: [['-p, --purge', 'Remove permanently, without a chance to recover']],
});

const deleteOptions = { purge: { type: 'boolean', short: 'p' } } as const;

/** The `delete` command. */
export const deleteCommand: Command = {
  name: 'delete',
  summary: 'Delete instances (recoverable unless --purge)',
  usage: deleteUsage,
  run: async (argv, ctx) => {
    const { values, positionals } = parseCommandArgs(argv, deleteOptions, deleteUsage);
    const names = namesOrAll(positionals, false, deleteUsage);
    const purge = values.purge === true;
    return ctx.session.withClient((client) =>
      forEachName(ctx, names, async (name) => {
        await client.call('instances.delete', { name, purge });
        ctx.output.out(`${purge ? 'Purged' : 'Deleted'} ${name}\n`);
      }),
    );
  },
};

const recoverUsage = usageText({
  synopsis: ['recover <name>...', 'recover --all'],
  description: 'Bring deleted instances back, in the state they were deleted in.',
  options: [['--all', 'Every deleted instance']],
});

/** The `recover` command. */
export const recoverCommand: Command = {
  name: 'recover',
  summary: 'Recover deleted instances',
  usage: recoverUsage,
  run: async (argv, ctx) => {
    const options = { all: { type: 'boolean' } } as const;
    const { values, positionals } = parseCommandArgs(argv, options, recoverUsage);
    const names = namesOrAll(positionals, values.all === true, recoverUsage);
    return ctx.session.withClient(async (client) => {
      const targets = names.length > 0 ? names : await deletedNames(client);
      if (targets.length === 0) ctx.output.err('No deleted instances to recover.\n');
      return forEachName(ctx, targets, async (name) => {
        await client.call('instances.recover', { name });
        ctx.output.out(`Recovered ${name}\n`);
      });
    });
  },
};

async function deletedNames(client: BerthClient): Promise<string[]> {
  const { instances } = await client.call('instances.list', { includeDeleted: true });
  return instances.filter((i) => i.deleted).map((i) => i.name);
}

const purgeUsage = usageText({
  synopsis: ['purge'],
  description: 'Permanently remove every deleted instance and its disks.',
});

/** The `purge` command. */
export const purgeCommand: Command = {
  name: 'purge',
  summary: 'Permanently remove all deleted instances',
  usage: purgeUsage,
  run: async (argv, ctx) => {
    const { positionals } = parseCommandArgs(argv, {}, purgeUsage);
    if (positionals.length > 0) {
      throw new UsageError(`Unexpected argument "${positionals[0]}"`, purgeUsage);
    }
    const purge = (client: BerthClient) => client.call('instances.purge', {});
    const { purged } = await ctx.session.withClient(purge);
    if (purged.length === 0) ctx.output.err('No deleted instances to purge.\n');
    for (const name of purged) ctx.output.out(`Purged ${name}\n`);
    return EXIT.ok;
  },
};
