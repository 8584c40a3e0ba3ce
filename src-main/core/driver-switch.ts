/**
 * Switching the active driver, with Multipass's semantics: nothing is deleted; running
 * instances of the scope being left are parked (suspended where the driver can, else stopped)
 * and marked to come back; the scope being entered gets its parked instances started again.
 * QEMU and libvirt share one scope but neither can resume the other's saved memory, so a
 * switch between them parks by stopping, and the entering driver boots the same disks.
 */
import type { SwitchPreview } from '../../src-shared/api';
import { hasCapability } from '../../src-shared/capabilities';
import { DRIVER_LABELS, type DriverId } from '../../src-shared/drivers';
import type { InstanceState } from '../../src-shared/states';
import type { InstanceRecord } from './records';
import type { ScopeRuntime } from './scope-runtime';

/** States in which a VM is up and must be parked before its driver is left. */
const UP_STATES: readonly InstanceState[] = [
  'running',
  'starting',
  'restarting',
  'delayed_shutdown',
  'unknown',
];

/**
 * The instances a switch away from `runtime` parks, with how. `sharedScope` is true when the
 * driver entered runs the same instances: then only a stop leaves them startable by it.
 */
export function parkingPlan(
  runtime: ScopeRuntime,
  sharedScope = false,
): { name: string; action: 'suspend' | 'stop' }[] {
  const canSuspend = hasCapability(runtime.deps.driverId, 'suspend') && !sharedScope;
  return runtime.deps.store
    .all()
    .filter((r) => !r.deleted && UP_STATES.includes(runtime.entry(r.name).state))
    .map((r) => ({
      name: r.name,
      action: canSuspend && runtime.entry(r.name).state === 'running' ? 'suspend' : 'stop',
    }));
}

/** What a switch from `from` to `to` would do, without doing it. */
export function previewSwitch(
  from: DriverId,
  to: DriverId,
  leaving: ScopeRuntime,
  entering: InstanceRecord[] | 'same-scope',
): SwitchPreview {
  const sameScope = entering === 'same-scope';
  const parked = parkingPlan(leaving, sameScope);
  const items: SwitchPreview['items'] = parked.map((p) => ({ ...p, side: 'leaving' }));
  const returning =
    entering === 'same-scope'
      ? parked.map((p) => p.name)
      : entering
          .filter((r) => r.resumeOnReturn && !r.deleted && !heldByOther(r, to))
          .map((r) => r.name);
  for (const name of returning) items.push({ name, action: 'start', side: 'entering' });
  return { from, to, sameScope, items, summary: summarise(from, to, items, sameScope) };
}

/** True when `record` holds memory another driver of its scope saved, which `to` cannot resume. */
function heldByOther(record: InstanceRecord, to: DriverId): boolean {
  const owner = record.suspendedBy ?? null;
  return record.state === 'suspended' && owner !== null && owner !== to;
}

function stopReason(from: DriverId, to: DriverId, sameScope: boolean): string {
  const [leaving, entering] = [DRIVER_LABELS[from], DRIVER_LABELS[to]];
  if (sameScope) return ` (${entering} cannot resume memory ${leaving} saves)`;
  return hasCapability(from, 'suspend') ? '' : ` (${DRIVER_LABELS[from]} cannot suspend)`;
}

function summarise(
  from: DriverId,
  to: DriverId,
  items: SwitchPreview['items'],
  sameScope: boolean,
): string {
  const names = (action: string, side: string) =>
    items.filter((i) => i.action === action && i.side === side).map((i) => i.name);
  const parts = [`Switching from ${DRIVER_LABELS[from]} to ${DRIVER_LABELS[to]}.`];
  const suspended = names('suspend', 'leaving');
  const stopped = names('stop', 'leaving');
  const started = names('start', 'entering');
  if (suspended.length > 0) parts.push(`Suspended: ${suspended.join(', ')}.`);
  if (stopped.length > 0) {
    parts.push(`Stopped${stopReason(from, to, sameScope)}: ${stopped.join(', ')}.`);
  }
  if (started.length > 0) parts.push(`Started again: ${started.join(', ')}.`);
  parts.push(
    sameScope
      ? `Nothing is deleted; both drivers run the same instances and disks.`
      : `Nothing is deleted; the ${DRIVER_LABELS[from]} instances come back as they were ` +
          `when you switch back.`,
  );
  return parts.join(' ');
}
