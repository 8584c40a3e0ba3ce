/**
 * Instance actions as data: label, icon and gating predicate of each, and which of them the
 * list row, its menu and the instance page show for a live or a deleted instance.
 */
import type { InstanceInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { actionBlockReason, type InstanceAction } from '../../src-shared/predicates';
import type { IconName } from '../components/Icon';
import type { Berth } from '../stores/berth';
import { type LifecycleAction, PREDICATE_OF } from './instance-actions';
import { requestAction } from './requests';

/** Every action a button can offer on one instance. */
export type UiAction = LifecycleAction | 'snapshot';

/** How one action is shown. */
export interface ActionSpec {
  label: string;
  /** Shown while the action is in progress. */
  busyLabel: string;
  icon: IconName;
  danger: boolean;
}

export const ACTION_SPECS: Readonly<Record<UiAction, ActionSpec>> = {
  start: { label: 'Start', busyLabel: 'Starting', icon: 'start', danger: false },
  stop: { label: 'Stop', busyLabel: 'Stopping', icon: 'stop', danger: false },
  'force-stop': { label: 'Force stop', busyLabel: 'Forcing off', icon: 'stop', danger: true },
  suspend: { label: 'Suspend', busyLabel: 'Suspending', icon: 'suspend', danger: false },
  restart: { label: 'Restart', busyLabel: 'Restarting', icon: 'restart', danger: false },
  delete: { label: 'Delete', busyLabel: 'Deleting', icon: 'delete', danger: true },
  recover: { label: 'Recover', busyLabel: 'Recovering', icon: 'recover', danger: false },
  purge: { label: 'Purge', busyLabel: 'Purging', icon: 'purge', danger: true },
  snapshot: { label: 'Snapshot', busyLabel: 'Taking a snapshot', icon: 'snapshot', danger: false },
};

function predicateOf(action: UiAction): InstanceAction {
  return action === 'snapshot' ? 'snapshot' : PREDICATE_OF[action];
}

/** Why `action` is not possible on `instance` under `driver` now, from the shared predicates. */
export function reasonFor(
  action: UiAction,
  instance: InstanceInfo,
  driver: DriverId,
): string | null {
  return actionBlockReason(predicateOf(action), instance, driver);
}

/** Starts `action` on `name`: snapshots open their dialog, the rest run (or ask first). */
export function triggerAction(berth: Berth, name: string, action: UiAction): void {
  if (action === 'snapshot') berth.ui.getState().setSnapshotFor(name);
  else requestAction(berth, [name], action);
}

/** The row's own buttons. */
export function rowActions(instance: InstanceInfo): UiAction[] {
  return instance.deleted ? ['recover', 'purge'] : ['start', 'stop', 'suspend', 'snapshot'];
}

/** The row menu's entries. */
export function rowMenuActions(instance: InstanceInfo): UiAction[] {
  return instance.deleted ? [] : ['restart', 'force-stop', 'delete'];
}

/** The instance page's buttons. */
export function pageActions(instance: InstanceInfo): UiAction[] {
  if (instance.deleted) return ['recover', 'purge'];
  return ['start', 'stop', 'suspend', 'restart', 'snapshot', 'force-stop', 'delete'];
}
