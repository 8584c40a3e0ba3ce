/** Bulk actions: which of the selected instances an action applies to, or why none can. */
import type { InstanceInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { reasonFor } from '../actions/action-specs';
import type { LifecycleAction } from '../actions/instance-actions';

/** The actions the bulk bar offers. */
export const BULK_ACTIONS = ['start', 'stop', 'suspend', 'delete'] as const;

/** One bulk action's targets, or the reason it is blocked. */
export interface BulkPlan {
  names: string[];
  reason: string | null;
}

/** The selected instances `action` can be applied to; the rest are skipped. */
export function bulkPlan(
  action: LifecycleAction,
  selected: readonly InstanceInfo[],
  driver: DriverId,
): BulkPlan {
  if (selected.length === 0) return { names: [], reason: 'Select instances first' };
  const reasons = selected.map((instance) => reasonFor(action, instance, driver));
  const names = selected.filter((_, index) => reasons[index] === null).map((i) => i.name);
  if (names.length > 0) return { names, reason: null };
  const first = reasons.find((reason) => reason !== null) ?? 'Not possible now';
  if (selected.length === 1) return { names, reason: first };
  return { names, reason: `None of the selected instances allow it: ${first}` };
}
