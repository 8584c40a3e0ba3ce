/**
 * Action predicates: for each action, `null` when it is allowed, or the human reason it is not.
 * Capability is checked before state, so a driver that cannot do something says so plainly.
 */
import {
  CAPABILITY_LABELS,
  type Capability,
  hasCapability,
  missingCapabilityReason,
} from './capabilities';
import { DRIVER_LABELS, type DriverId } from './drivers';
import type { InstanceState } from './states';

/** Every action a user can take on an instance. */
export const INSTANCE_ACTIONS = [
  'start',
  'stop',
  'suspend',
  'restart',
  'delete',
  'recover',
  'purge',
  'snapshot',
  'restore',
  'deleteSnapshot',
] as const;

/** One instance action. */
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];

/** What the predicates need to know about an instance. */
export interface ActionSubject {
  /** Current observed state. */
  state: InstanceState;
  /** Soft-deleted (recoverable) instances only allow recover and purge. */
  deleted: boolean;
}

const REQUIRED_CAPABILITY: Partial<Record<InstanceAction, Capability>> = {
  suspend: 'suspend',
  snapshot: 'snapshots',
  restore: 'snapshots',
  deleteSnapshot: 'snapshots',
};

type StateRule = (state: InstanceState) => string | null;

const STATE_RULES: Readonly<Record<InstanceAction, StateRule>> = {
  start: (s) => {
    if (s === 'running') return 'The instance is already running';
    if (s === 'unknown') return 'The instance is in an unknown state; stop it first';
    if (s === 'starting' || s === 'restarting') return 'The instance is already starting';
    if (s === 'suspending') return 'Wait until the instance has finished suspending';
    return null;
  },
  stop: (s) => {
    if (s === 'stopped') return 'The instance is already stopped';
    if (s === 'suspending') return 'Wait until the instance has finished suspending';
    return null;
  },
  suspend: (s) =>
    s === 'running' || s === 'delayed_shutdown' ? null : 'Only a running instance can be suspended',
  restart: (s) =>
    s === 'running' || s === 'delayed_shutdown' ? null : 'Only a running instance can be restarted',
  delete: (s) => (s === 'suspending' ? 'Wait until the instance has finished suspending' : null),
  recover: () => 'The instance is not deleted',
  purge: () => null,
  snapshot: (s) => (s === 'stopped' ? null : 'Snapshots need a stopped instance'),
  restore: (s) => (s === 'stopped' ? null : 'Restoring a snapshot needs a stopped instance'),
  deleteSnapshot: (s) =>
    s === 'stopped' || s === 'suspended' ? null : 'Stop the instance to delete a snapshot',
};

/** Why `action` cannot be done on `subject` under `driver` right now, or null when it can. */
export function actionBlockReason(
  action: InstanceAction,
  subject: ActionSubject,
  driver: DriverId,
): string | null {
  const capability = REQUIRED_CAPABILITY[action];
  if (capability && !hasCapability(driver, capability)) {
    return missingCapabilityReason(driver, capability);
  }
  if (subject.deleted) {
    if (action === 'recover' || action === 'purge') return null;
    return 'The instance is deleted; recover it first';
  }
  return STATE_RULES[action](subject.state);
}

/** Every action's block reason at once, for menus and button rows. */
export function actionReasons(
  subject: ActionSubject,
  driver: DriverId,
): Record<InstanceAction, string | null> {
  const entries = INSTANCE_ACTIONS.map((a) => [a, actionBlockReason(a, subject, driver)] as const);
  return Object.fromEntries(entries) as Record<InstanceAction, string | null>;
}

/** Changes to an instance's devices: a native mount, or an extra NIC. */
export type DeviceAction = 'mount' | 'network';

const DEVICE_CAPABILITY: Readonly<Record<DeviceAction, Capability>> = {
  mount: 'nativeMounts',
  network: 'extraNetworks',
};

// Known limitation: QEMU has native mounts and extra networks in the matrix, but its 9p mounts
// and bridged NICs are not built yet; Hyper-V and VirtualBox adapters are later issues.
const DEVICES_BUILT: readonly DriverId[] = ['lxd'];

/**
 * Why a mount or a NIC cannot be added to (or removed from) `subject` under `driver`, or null.
 * `remote` is true on a remote server's scope, which cannot see this computer's folders.
 */
export function deviceBlockReason(
  action: DeviceAction,
  subject: ActionSubject,
  driver: DriverId,
  remote: boolean,
): string | null {
  const capability = DEVICE_CAPABILITY[action];
  if (!hasCapability(driver, capability)) return missingCapabilityReason(driver, capability);
  if (!DEVICES_BUILT.includes(driver)) {
    const what = CAPABILITY_LABELS[capability];
    return `${what} under ${DRIVER_LABELS[driver]} are not in this build yet`;
  }
  if (action === 'mount' && remote) {
    return 'A remote server cannot see folders on this computer, so it cannot mount them';
  }
  if (subject.deleted) return 'The instance is deleted; recover it first';
  const busy: readonly InstanceState[] = ['starting', 'restarting', 'suspending'];
  return busy.includes(subject.state) ? 'Wait until the instance has settled' : null;
}
