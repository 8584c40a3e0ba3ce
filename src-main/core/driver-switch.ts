/**
 * Switching the active driver, with Multipass's semantics: nothing is deleted; running
 * instances of the scope being left are parked (suspended where the driver can, else stopped)
 * and marked to come back; the scope being entered gets its parked instances started again.
 * QEMU and libvirt share one scope but neither can resume the other's saved memory, so a
 * switch between them parks by stopping, and the entering driver boots the same disks.
 */
import type { SwitchPreview } from '../../src-shared/api';
import { hasCapability } from '../../src-shared/capabilities';
import type { DriverId } from '../../src-shared/drivers';
import type { InstanceState } from '../../src-shared/states';
import { driverOfTarget, targetLabel } from '../../src-shared/targets';
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

/** What a switch from target `from` to target `to` would do, without doing it. */
export function previewSwitch(
  from: string,
  to: string,
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
          .filter((r) => r.resumeOnReturn && !r.deleted && !heldByOther(r, driverOfTarget(to)))
          .map((r) => r.name);
  for (const name of returning) items.push({ name, action: 'start', side: 'entering' });
  return { from, to, sameScope, items, summary: summarise(from, to, items, sameScope) };
}

/** True when `record` holds memory another driver of its scope saved, which `to` cannot resume. */
function heldByOther(record: InstanceRecord, to: DriverId): boolean {
  const owner = record.suspendedBy ?? null;
  return record.state === 'suspended' && owner !== null && owner !== to;
}

function stopReason(from: string, to: string, sameScope: boolean): string {
  const [leaving, entering] = [targetLabel(from), targetLabel(to)];
  if (sameScope) return ` (${entering} cannot resume memory ${leaving} saves)`;
  return hasCapability(driverOfTarget(from), 'suspend') ? '' : ` (${leaving} cannot suspend)`;
}

function summarise(
  from: string,
  to: string,
  items: SwitchPreview['items'],
  sameScope: boolean,
): string {
  const names = (action: string, side: string) =>
    items.filter((i) => i.action === action && i.side === side).map((i) => i.name);
  const parts = [`Switching from ${targetLabel(from)} to ${targetLabel(to)}.`];
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
      : `Nothing is deleted; the ${targetLabel(from)} instances come back as they were ` +
          `when you switch back.`,
  );
  return parts.join(' ');
}
