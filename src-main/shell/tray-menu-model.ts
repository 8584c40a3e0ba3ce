/**
 * The tray menu as data, computed from what the core reports. The shell renders it with
 * Electron's Menu and rebuilds it on every relevant event; nothing here decides anything the
 * window would decide differently, because enablement comes from the shared predicates.
 */
import type { DriverInfo, InstanceInfo, OperationInfo } from '../../src-shared/api';
import { hasCapability } from '../../src-shared/capabilities';
import { DRIVER_LABELS, type DriverId } from '../../src-shared/drivers';
import { actionBlockReason } from '../../src-shared/predicates';
import { isActive, STATE_LABELS } from '../../src-shared/states';
import { targetLabel } from '../../src-shared/targets';

/** What the tray shows a menu for. */
export interface TrayFacts {
  driver: DriverId;
  /** The active target: the driver, or "lxd@<remote>" (src-shared/targets.ts). */
  target: string;
  /** drivers.list, in display order. */
  drivers: readonly DriverInfo[];
  /** The active scope's instances; deleted ones are left out of the menu. */
  instances: readonly InstanceInfo[];
  /** Operations still running. */
  operations: readonly Pick<OperationInfo, 'operationId' | 'instance' | 'kind'>[];
  /** `client.primary-name`; '' turns the primary section off. */
  primaryName: string;
}

/** The instance actions the tray offers. */
export type TrayInstanceAction = 'start' | 'stop' | 'suspend';

/** What clicking an item does; the shell maps each kind to one call or window action. */
export type TrayAction =
  | { kind: 'instance'; action: TrayInstanceAction; name: string }
  | { kind: 'shell'; name: string }
  /** `driver` is a target: a driver id, or "lxd@<remote>". */
  | { kind: 'switch-driver'; driver: string }
  | { kind: 'open' }
  | { kind: 'settings' }
  | { kind: 'quit' };

/** One menu entry, plain and serialisable. */
export interface TrayMenuItem {
  /** Stable per entry, e.g. "instance:web:stop"; tests and the e2e suite click by it. */
  id: string;
  type: 'normal' | 'separator' | 'submenu' | 'radio' | 'checkbox';
  label: string;
  enabled: boolean;
  checked?: boolean;
  /** Why the entry is disabled, for platforms that show tooltips. */
  toolTip?: string;
  submenu?: TrayMenuItem[];
  action?: TrayAction;
}

/** Instances past this many are reached through the window, so the menu stays usable. */
export const TRAY_INSTANCE_LIMIT = 20;

/** Builds the whole menu. */
export function buildTrayMenu(facts: TrayFacts): TrayMenuItem[] {
  const listed = facts.instances
    .filter((i) => !i.deleted)
    .sort((a, b) => a.name.localeCompare(b.name));
  const shown = listed.slice(0, TRAY_INSTANCE_LIMIT).map((i) => instanceSubmenu(i, facts));
  const hidden = listed.length - shown.length;
  const more = hidden > 0 ? [info('instances:more', `${hidden} more in the Berth window`)] : [];

  return [
    info('status', statusLine(facts)),
    separator('sep:status'),
    ...primarySection(facts),
    ...(listed.length > 0 ? [...shown, ...more, separator('sep:instances')] : []),
    driverSubmenu(facts),
    separator('sep:driver'),
    item('open', 'Open Berth', { kind: 'open' }),
    item('settings', 'Settings…', { kind: 'settings' }),
    separator('sep:quit'),
    item('quit', 'Quit Berth', { kind: 'quit' }),
  ];
}

/** "QEMU · 2 of 3 running · 1 operation running". */
export function statusLine(facts: TrayFacts): string {
  const instances = facts.instances.filter((i) => !i.deleted);
  const running = instances.filter((i) => isActive(i.state)).length;
  const parts = [targetLabel(facts.target)];
  const count = `${running} of ${instances.length} running`;
  parts.push(instances.length === 0 ? 'no instances' : count);
  const busy = facts.operations.length;
  if (busy > 0) parts.push(busy === 1 ? '1 operation running' : `${busy} operations running`);
  return parts.join(' · ');
}

/** The primary instance's own Start / Open shell / Stop, Multipass-style, at the top. */
function primarySection(facts: TrayFacts): TrayMenuItem[] {
  const name = facts.primaryName;
  if (name === '') return [];
  const primary = facts.instances.find((i) => i.name === name && !i.deleted);
  if (!primary) {
    const why = `No instance is named “${name}”; launch one from the Berth window`;
    return [{ ...info('primary:missing', `Primary “${name}” not found`), toolTip: why }];
  }
  return [
    actionItem(primary, 'start', facts, `Start ${name}`, 'primary'),
    shellItem(primary, facts, `Open shell in ${name}`, 'primary'),
    actionItem(primary, 'stop', facts, `Stop ${name}`, 'primary'),
    separator('sep:primary'),
  ];
}

/** "web — Running", holding the instance's actions. */
function instanceSubmenu(instance: InstanceInfo, facts: TrayFacts): TrayMenuItem {
  const op = operationOn(instance.name, facts);
  const state = op ? `${capitalise(op.kind)}…` : STATE_LABELS[instance.state];
  return {
    id: `instance:${instance.name}`,
    type: 'submenu',
    label: `${instance.name} — ${state}`,
    enabled: true,
    submenu: [
      actionItem(instance, 'start', facts, 'Start'),
      actionItem(instance, 'stop', facts, 'Stop'),
      actionItem(instance, 'suspend', facts, 'Suspend'),
      shellItem(instance, facts, 'Open shell'),
    ],
  };
}

/** An action entry, enabled exactly when the predicates allow and nothing else is running. */
function actionItem(
  instance: InstanceInfo,
  action: TrayInstanceAction,
  facts: TrayFacts,
  label: string,
  prefix = 'instance',
): TrayMenuItem {
  const reason =
    busyReason(instance.name, facts) ?? actionBlockReason(action, instance, facts.driver);
  const id = `${prefix}:${instance.name}:${action}`;
  const entry = item(id, label, { kind: 'instance', action, name: instance.name });
  if (reason === null) return entry;

  // A missing capability never goes away by waiting, so it is spelled out in the label too:
  // Linux and Windows tray menus show no tooltips.
  const unsupported = action === 'suspend' && !hasCapability(facts.driver, 'suspend');
  const shownLabel = unsupported
    ? `${label} (not supported by the ${DRIVER_LABELS[facts.driver]} driver)`
    : label;
  return { ...entry, label: shownLabel, enabled: false, toolTip: reason };
}

/** Open shell needs a running guest it can reach: with an SSH address, or on LXD. */
function shellItem(
  instance: InstanceInfo,
  facts: TrayFacts,
  label: string,
  prefix = 'instance',
): TrayMenuItem {
  const entry = item(`${prefix}:${instance.name}:shell`, label, {
    kind: 'shell',
    name: instance.name,
  });
  const reason = shellBlockReason(instance, facts);
  return reason === null ? entry : { ...entry, enabled: false, toolTip: reason };
}

/** Why a shell cannot be opened in `instance`, or null. */
export function shellBlockReason(instance: InstanceInfo, facts: TrayFacts): string | null {
  if (instance.deleted) return 'The instance is deleted; recover it first';
  if (instance.state !== 'running') return 'Start the instance to open a shell';
  // LXD reaches its guests through its exec API; the other drivers need SSH.
  if (!instance.ssh && facts.driver !== 'lxd') return 'The instance has no SSH address yet';
  return busyReason(instance.name, facts);
}

/** The driver radio group; a switch goes through the same preview and confirmation. */
function driverSubmenu(facts: TrayFacts): TrayMenuItem {
  const radios = facts.drivers.map((d): TrayMenuItem => {
    const unavailable = !d.available;
    const label = unavailable ? `${d.label} — ${d.reason ?? 'not available here'}` : d.label;
    return {
      id: `driver:${d.target}`,
      type: 'radio',
      label,
      enabled: !unavailable,
      checked: d.target === facts.target,
      action: { kind: 'switch-driver', driver: d.target },
      ...(unavailable && d.fix ? { toolTip: d.fix } : {}),
    };
  });
  return {
    id: 'driver',
    type: 'submenu',
    label: `Driver: ${targetLabel(facts.target)}`,
    enabled: true,
    submenu: radios,
  };
}

function busyReason(name: string, facts: TrayFacts): string | null {
  const op = operationOn(name, facts);
  return op ? `Wait until “${op.kind}” on ${name} has finished` : null;
}

function operationOn(name: string, facts: TrayFacts): TrayFacts['operations'][number] | null {
  return facts.operations.find((o) => o.instance === name) ?? null;
}

function item(id: string, label: string, action: TrayAction): TrayMenuItem {
  return { id, type: 'normal', label, enabled: true, action };
}

function info(id: string, label: string): TrayMenuItem {
  return { id, type: 'normal', label, enabled: false };
}

function separator(id: string): TrayMenuItem {
  return { id, type: 'separator', label: '', enabled: true };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The entry with `id` anywhere in `menu`, or null; the e2e suite and tests click by id. */
export function findTrayItem(menu: readonly TrayMenuItem[], id: string): TrayMenuItem | null {
  for (const entry of menu) {
    if (entry.id === id) return entry;
    const inner = entry.submenu ? findTrayItem(entry.submenu, id) : null;
    if (inner) return inner;
  }
  return null;
}
