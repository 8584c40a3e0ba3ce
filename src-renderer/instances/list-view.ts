/** Which instances the list shows, in which order: search, the running-only filter, sorting. */
import type { InstanceInfo } from '../../src-shared/api';
import { INSTANCE_STATES } from '../../src-shared/states';
import { imageName, stateLabel } from '../format';
import type { SortKey } from '../stores/ui-store';

/** The list's view options. */
export interface ListOptions {
  search: string;
  runningOnly: boolean;
  sort: { key: SortKey; descending: boolean };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function matches(instance: InstanceInfo, needle: string): boolean {
  if (needle === '') return true;
  const haystack = [
    instance.name,
    instance.image.source,
    stateLabel(instance),
    ...instance.ipv4,
    instance.location ?? '',
  ];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

function isRunning(instance: InstanceInfo): boolean {
  return (
    !instance.deleted && (instance.state === 'running' || instance.state === 'delayed_shutdown')
  );
}

/** Deleted instances sort after every live state. */
function stateRank(instance: InstanceInfo): number {
  return instance.deleted ? INSTANCE_STATES.length : INSTANCE_STATES.indexOf(instance.state);
}

const COMPARE: Readonly<Record<SortKey, (a: InstanceInfo, b: InstanceInfo) => number>> = {
  name: (a, b) => collator.compare(a.name, b.name),
  state: (a, b) => stateRank(a) - stateRank(b),
  image: (a, b) => collator.compare(imageName(a.image.source), imageName(b.image.source)),
  cpus: (a, b) => a.cpus - b.cpus,
  memory: (a, b) => a.memoryBytes - b.memoryBytes,
  disk: (a, b) => a.diskBytes - b.diskBytes,
  ipv4: (a, b) => collator.compare(a.ipv4[0] ?? '~', b.ipv4[0] ?? '~'),
  // Oldest first reads as "age ascending" the way the column shows it (youngest has least age).
  age: (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
};

/** The instances to show, filtered and sorted; ties fall back to the name. */
export function visibleInstances(
  all: readonly InstanceInfo[],
  options: ListOptions,
): InstanceInfo[] {
  const needle = options.search.trim().toLowerCase();
  const shown = all.filter((i) => matches(i, needle) && (!options.runningOnly || isRunning(i)));
  const compare = COMPARE[options.sort.key];
  const direction = options.sort.descending ? -1 : 1;
  return shown.sort((a, b) => direction * compare(a, b) || COMPARE.name(a, b));
}
