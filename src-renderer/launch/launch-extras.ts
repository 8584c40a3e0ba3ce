/**
 * The launch dialog's choices beyond the text fields: the instance type on drivers that run
 * more than one, host folders to mount, and host bridges for extra NICs. Rows left entirely
 * empty are ignored, so adding one by mistake never blocks a launch.
 */
import type { ApiRequest, INSTANCE_TYPES } from '../../src-shared/api';
import { bridgeProblem, guestPathProblem, hostFolderProblem } from '../devices/device-rules';

/** Container or virtual machine. */
export type InstanceType = (typeof INSTANCE_TYPES)[number];

/** One mount row; `key` keeps React's rows apart when one is removed. */
export interface MountRow {
  key: number;
  source: string;
  target: string;
}

/** One extra-network row. */
export interface NetworkRow {
  key: number;
  bridge: string;
}

/** The choices as the dialog holds them. */
export interface LaunchExtras {
  /** The chosen type; null until the user picks one (the first offered is then used). */
  type: InstanceType | null;
  mounts: readonly MountRow[];
  networks: readonly NetworkRow[];
}

/** Nothing chosen. */
export const NO_EXTRAS: LaunchExtras = { type: null, mounts: [], networks: [] };

/** A row's problems: by row key, then by field. */
export type RowProblems = Readonly<Record<number, Partial<Record<string, string>>>>;

const filledMounts = (extras: LaunchExtras) =>
  extras.mounts.filter((m) => m.source.trim() !== '' || m.target.trim() !== '');
const filledNetworks = (extras: LaunchExtras) =>
  extras.networks.filter((n) => n.bridge.trim() !== '');

/** Every problem with the mount and network rows that are not empty. */
export function extrasProblems(extras: LaunchExtras): RowProblems {
  const problems: Record<number, Partial<Record<string, string>>> = {};
  const seen: string[] = [];
  for (const row of filledMounts(extras)) {
    const target = row.target.trim();
    const source = hostFolderProblem(row.source.trim());
    const guest = guestPathProblem(target, seen);
    seen.push(target);
    if (source || guest) {
      problems[row.key] = { ...(source ? { source } : {}), ...(guest ? { target: guest } : {}) };
    }
  }
  for (const row of filledNetworks(extras)) {
    const bridge = bridgeProblem(row.bridge.trim());
    if (bridge) problems[row.key] = { bridge };
  }
  return problems;
}

/** The type, mounts and networks of the launch request, each only when there is one. */
export function extrasRequest(
  extras: LaunchExtras,
  offered: readonly InstanceType[],
): Pick<ApiRequest<'instances.launch'>, 'type' | 'mounts' | 'networks'> {
  const mounts = filledMounts(extras).map((m) => ({
    source: m.source.trim(),
    target: m.target.trim(),
  }));
  const networks = filledNetworks(extras).map((n) => ({ bridge: n.bridge.trim() }));
  // With one type on offer the image decides; sending it would only repeat that.
  const type = offered.length > 1 ? (extras.type ?? offered[0]) : undefined;
  return {
    ...(type ? { type } : {}),
    ...(mounts.length > 0 ? { mounts } : {}),
    ...(networks.length > 0 ? { networks } : {}),
  };
}
