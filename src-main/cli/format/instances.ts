/** How instances and snapshots look in `list`, `info` and `snapshots`. */
import { basename } from 'node:path';
import type {
  ApiResponse,
  InstanceInfo,
  MountInfo,
  NetworkAttachment,
  SnapshotInfo,
} from '../../../src-shared/api';
import { formatSize } from '../../../src-shared/names';
import { STATE_LABELS } from '../../../src-shared/states';
import { parseImageAlias } from '../../core/image-alias';
import { mountLine, nicLine } from './devices';
import type { View } from './render';
import { type Cell, renderKeyValues, renderTable } from './table';

/** The state as people read it; soft-deleted instances show "Deleted", as in Multipass. */
export function stateLabel(instance: InstanceInfo): string {
  return instance.deleted ? 'Deleted' : STATE_LABELS[instance.state];
}

/** The command that opens a shell in the instance, or null while it has no SSH endpoint. */
export function sshHint(instance: InstanceInfo, keyFile: string): string | null {
  if (!instance.ssh) return null;
  const { host, port, user } = instance.ssh;
  return `ssh -i ${quoteIfNeeded(keyFile)} -p ${port} ${user}@${host}`;
}

function quoteIfNeeded(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

const addresses = (instance: InstanceInfo): Cell =>
  instance.ipv4.length > 0 ? instance.ipv4 : '--';

/** The image as the list shows it: an alias whole, a file by its name. */
function imageLabel(source: string): string {
  return parseImageAlias(source) ? source : basename(source);
}

/** `berth list`: Name, State, IPv4, Image, like `multipass list`. */
export function listView(response: ApiResponse<'instances.list'>): View {
  const { instances } = response;
  return {
    data: response,
    table: () =>
      renderTable(
        ['Name', 'State', 'IPv4', 'Image'],
        instances.map((i) => [i.name, stateLabel(i), addresses(i), imageLabel(i.image.source)]),
      ),
    csv: () => [
      ['Name', 'State', 'IPv4', 'Image'],
      ...instances.map((i) => [i.name, stateLabel(i), i.ipv4.join(';'), i.image.source]),
    ],
  };
}

/** One instance for `berth info`, with its serial console when asked for. */
export interface InfoEntry {
  instance: InstanceInfo;
  console?: { path: string; text: string };
  /** Present when the driver reports devices. */
  mounts?: MountInfo[];
  networks?: NetworkAttachment[];
}

/** `berth info`: one `key: value` block per instance, blank lines between. */
export function infoView(entries: readonly InfoEntry[], keyFile: string): View {
  return {
    data: entries.map(({ instance, ...extra }) => ({ ...instance, ...extra })),
    table: () => entries.map((entry) => infoBlock(entry, keyFile)).join('\n'),
    csv: () => [
      [...INFO_CSV_HEADER],
      ...entries.map(({ instance: i }) => [
        i.name,
        stateLabel(i),
        String(i.snapshotCount),
        i.ipv4.join(';'),
        i.image.source,
        String(i.cpus),
        String(i.memoryBytes),
        String(i.diskBytes),
        i.scope,
        i.createdAt,
        sshHint(i, keyFile) ?? '',
      ]),
    ],
  };
}

const INFO_CSV_HEADER = [
  'Name',
  'State',
  'Snapshots',
  'IPv4',
  'Image',
  'CPUs',
  'Memory bytes',
  'Disk bytes',
  'Scope',
  'Created',
  'SSH',
] as const;

/** Where info values start, so blocks line up whichever optional labels they have. */
const INFO_VALUE_COLUMN = 18;

function infoBlock({ instance: i, console, mounts, networks }: InfoEntry, keyFile: string) {
  const pairs: [string, Cell][] = [
    ['Name', i.name],
    ['State', stateLabel(i)],
    ['Snapshots', String(i.snapshotCount)],
    ['IPv4', i.ipv4],
    ['Image', i.image.source],
  ];
  if (i.instanceType) pairs.push(['Type', instanceTypeLabel(i.instanceType)]);
  if (i.location) pairs.push(['Location', i.location]);
  if (i.image.kind === 'kernel') pairs.push(['Kernel cmdline', i.image.cmdline ?? '--']);
  pairs.push(
    ['CPU(s)', String(i.cpus)],
    ['Memory', formatSize(i.memoryBytes)],
    ['Disk', formatSize(i.diskBytes)],
  );
  if (mounts) pairs.push(['Mounts', mounts.length > 0 ? mounts.map(mountLine) : '--']);
  if (networks) pairs.push(['Extra NICs', networks.length > 0 ? networks.map(nicLine) : '--']);
  pairs.push(['Scope', i.scope], ['Created', i.createdAt], ['SSH', sshHint(i, keyFile) ?? '--']);
  if (i.resumeOnReturn) pairs.push(['Resume on return', 'yes (parked by a driver switch)']);
  if (i.lastError) pairs.push(['Last error', i.lastError]);
  if (!console) return renderKeyValues(pairs, INFO_VALUE_COLUMN);

  pairs.push(['Console log', console.path]);
  const text =
    console.text.endsWith('\n') || console.text === '' ? console.text : `${console.text}\n`;
  return `${renderKeyValues(pairs, INFO_VALUE_COLUMN)}\n${text}`;
}

/** What an instance runs as, in words. */
function instanceTypeLabel(type: NonNullable<InstanceInfo['instanceType']>): string {
  return type === 'container' ? 'system container' : 'virtual machine';
}

/** `berth snapshots`: Instance, Snapshot, Created, Comment. */
export function snapshotsView(instance: string, snapshots: readonly SnapshotInfo[]): View {
  const rows = snapshots.map((s) => [instance, s.name, s.createdAt, s.comment || '--']);
  return {
    data: snapshots,
    table: () => renderTable(['Instance', 'Snapshot', 'Created', 'Comment'], rows),
    csv: () => [['Instance', 'Snapshot', 'Created', 'Comment'], ...rows],
  };
}
