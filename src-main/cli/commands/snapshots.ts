/** `berth snapshot|restore|snapshots`: take, restore and list snapshots of stopped instances. */
import { checkNames, expectPositionals, FORMAT_FLAG, parseCommandArgs, parseFormat } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { snapshotsView } from '../format/instances';
import { renderView } from '../format/render';
import { FORMAT_OPTION, usageText } from '../usage';

const snapshotUsage = usageText({
  synopsis: ['snapshot <name> [--name <snapshot>] [--comment <text>]'],
  description: 'Take a snapshot of a stopped instance.',
  options: [
    ['-n, --name <snapshot>', 'Snapshot name (default snapshotN)'],
    ['-c, --comment <text>', 'A note to keep with the snapshot'],
  ],
});

const snapshotOptions = {
  name: { type: 'string', short: 'n' },
  comment: { type: 'string', short: 'c' },
} as const;

/** The `snapshot` command. */
export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: 'Take a snapshot of a stopped instance',
  usage: snapshotUsage,
  run: async (argv, ctx) => {
    const { values, positionals } = parseCommandArgs(argv, snapshotOptions, snapshotUsage);
    expectPositionals(positionals, ['<name>'], snapshotUsage);
    const instance = positionals[0] ?? '';
    checkNames([instance]);
    if (values.name !== undefined) checkNames([values.name], 'Snapshot name');

    const request = {
      instance,
      ...(values.name !== undefined ? { snapshot: values.name } : {}),
      ...(values.comment !== undefined ? { comment: values.comment } : {}),
    };
    const taken = await ctx.session.withClient((client) => client.call('snapshots.take', request));
    ctx.output.out(`Snapshot taken: ${instance}.${taken.name}\n`);
    return EXIT.ok;
  },
};

const restoreUsage = usageText({
  synopsis: ['restore <name>.<snapshot>', 'restore <name> <snapshot>'],
  description: 'Put a stopped instance back to a snapshot. Changes since then are lost.',
});

/** An instance and one of its snapshots. */
export interface SnapshotRef {
  instance: string;
  snapshot: string;
}

/**
 * Reads `<instance>.<snapshot>` (Multipass style) or `<instance> <snapshot>`. Names cannot
 * contain dots, so the first dot is the separator.
 */
export function parseSnapshotRef(
  positionals: readonly string[],
  usage = restoreUsage,
): SnapshotRef {
  const [first, second, extra] = positionals;
  if (first === undefined) throw new UsageError('Missing <name>.<snapshot>', usage);
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}"`, usage);

  let ref: SnapshotRef;
  if (second !== undefined) {
    ref = { instance: first, snapshot: second };
  } else {
    const dot = first.indexOf('.');
    if (dot === -1) throw new UsageError(`Expected <name>.<snapshot>, got "${first}"`, usage);
    ref = { instance: first.slice(0, dot), snapshot: first.slice(dot + 1) };
  }
  checkNames([ref.instance]);
  checkNames([ref.snapshot], 'Snapshot name');
  return ref;
}

/** The `restore` command. */
export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore an instance to a snapshot',
  usage: restoreUsage,
  run: async (argv, ctx) => {
    const { positionals } = parseCommandArgs(argv, {}, restoreUsage);
    const ref = parseSnapshotRef(positionals);
    await ctx.session.withClient((client) => client.call('snapshots.restore', ref));
    ctx.output.out(`Snapshot restored: ${ref.instance}.${ref.snapshot}\n`);
    return EXIT.ok;
  },
};

const listUsage = usageText({
  synopsis: ['snapshots <name> [--format <format>]'],
  description: "List an instance's snapshots.",
  options: [FORMAT_OPTION],
});

/** The `snapshots` command. */
export const snapshotsCommand: Command = {
  name: 'snapshots',
  summary: "List an instance's snapshots",
  usage: listUsage,
  run: async (argv, ctx) => {
    const { values, positionals } = parseCommandArgs(argv, FORMAT_FLAG, listUsage);
    const format = parseFormat(values.format, listUsage);
    expectPositionals(positionals, ['<name>'], listUsage);
    const instance = positionals[0] ?? '';
    checkNames([instance]);

    const snapshots = await ctx.session.withClient((client) =>
      client.call('snapshots.list', { instance }),
    );
    if (snapshots.length === 0 && format === 'table') {
      ctx.output.err('No snapshots found.\n');
      return EXIT.ok;
    }
    ctx.output.out(renderView(format, snapshotsView(instance, snapshots)));
    return EXIT.ok;
  },
};
