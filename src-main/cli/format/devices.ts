/** How an instance's mounts and extra NICs look in `network list` and `info`. */
import type { MountInfo, NetworkAttachment } from '../../../src-shared/api';
import type { View } from './render';
import { renderTable } from './table';

/** `<source> => <target>`, as Multipass shows mounts. */
export function mountLine(mount: MountInfo): string {
  return `${mount.source} => ${mount.target}`;
}

/** `<nic> on <bridge>`. */
export function nicLine(nic: NetworkAttachment): string {
  return `${nic.nic} on ${nic.bridge}`;
}

/** `berth network list`: Instance, NIC, Bridge. */
export function networksView(instance: string, nics: readonly NetworkAttachment[]): View {
  const rows = nics.map((n) => [instance, n.nic, n.bridge]);
  return {
    data: nics,
    table: () => renderTable(['Instance', 'NIC', 'Bridge'], rows),
    csv: () => [['Instance', 'NIC', 'Bridge'], ...rows],
  };
}
