/**
 * What the shell knows about the core between calls: the active scope's instances, the
 * drivers, running operations and settings, kept current from the event stream. The tray and
 * the quit flow read it; events that change too much at once ask for a fresh fetch instead.
 */
import {
  type ApiEvent,
  type ApiEventPayload,
  type ApiResponse,
  type DriverInfo,
  EVENTS,
  type InstanceInfo,
} from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { isActive } from '../../src-shared/states';
import type { TrayFacts } from './tray-menu-model';

/** The shell's picture of the core. */
export interface ShellFacts {
  driver: DriverId;
  /** The active target (a driver id, or "lxd@<remote>"). */
  target: string;
  scope: string;
  drivers: DriverInfo[];
  instances: InstanceInfo[];
  operations: TrayFacts['operations'][number][];
  /** Settings by key, as settings.list gives them. */
  settings: Record<string, string>;
  /** An operation failed since the window was last shown; the tray icon says so. */
  unseenFailure: boolean;
}

/**
 * The setting that hides the tray icon ('hide'). Known limitation: the core's settings table
 * has no such key yet, so the shell honours it when present and shows the icon otherwise.
 */
export const TRAY_ICON_SETTING = 'client.tray-icon';

/** Facts from a full fetch. */
export function factsFromFetch(
  list: ApiResponse<'instances.list'>,
  drivers: ApiResponse<'drivers.list'>,
  operations: ApiResponse<'operations.list'>,
  settings: ApiResponse<'settings.list'>,
): ShellFacts {
  return {
    driver: list.driver,
    target: list.target,
    scope: list.scope,
    drivers,
    instances: list.instances,
    operations: operations.map(({ operationId, instance, kind }) => ({
      operationId,
      instance,
      kind,
    })),
    settings: Object.fromEntries(settings.map((s) => [s.key, s.value])),
    unseenFailure: false,
  };
}

/** The result of one event: the new facts, and whether a full fetch is needed. */
export interface Applied {
  facts: ShellFacts;
  refetch: boolean;
}

/** Any one event with its payload, narrowed together by `event`. */
export type CoreEvent = { [E in ApiEvent]: { event: E; payload: ApiEventPayload<E> } }[ApiEvent];

/** Checks an event from the dispatcher against its schema; null for anything unknown. */
export function parseCoreEvent(event: string, payload: unknown): CoreEvent | null {
  if (!Object.hasOwn(EVENTS, event)) return null;
  const parsed = EVENTS[event as ApiEvent].safeParse(payload);
  // The schema for `event` accepted the payload, so the pair is one of CoreEvent's members.
  return parsed.success ? ({ event, payload: parsed.data } as CoreEvent) : null;
}

/** Applies one event to `facts` without changing them in place. */
export function applyEvent(facts: ShellFacts, core: CoreEvent): Applied {
  const keep = (next: Partial<ShellFacts>): Applied => ({
    facts: { ...facts, ...next },
    refetch: false,
  });
  switch (core.event) {
    case 'instance.changed':
      return keep({ instances: upsert(facts, core.payload) });
    case 'instance.removed':
      if (core.payload.scope !== facts.scope) return keep({});
      return keep({ instances: facts.instances.filter((i) => i.name !== core.payload.name) });
    case 'operation.progress':
      return keep({ operations: addOperation(facts, core.payload) });
    case 'operation.finished': {
      const done = core.payload;
      const operations = facts.operations.filter((o) => o.operationId !== done.operationId);
      const failed = done.error !== null && done.error.code !== 'CANCELLED';
      return keep({ operations, unseenFailure: facts.unseenFailure || failed });
    }
    case 'settings.changed': {
      const { key, value } = core.payload;
      const next = keep({ settings: { ...facts.settings, [key]: value } });
      return { ...next, refetch: key === 'local.driver' };
    }
    case 'scope.problem':
      return keep({ unseenFailure: true });
    case 'driver.switched':
    case 'remotes.changed':
      // Another scope, other drivers' states or other targets: fetch it all again.
      return { facts, refetch: true };
    case 'terminal.output':
    case 'terminal.exited':
      // Terminals belong to the client that opened them; the tray shows none.
      return keep({});
  }
}

/** How many instances are up (what Quit asks about). */
export function runningInstances(facts: ShellFacts): InstanceInfo[] {
  return facts.instances.filter((i) => !i.deleted && isActive(i.state));
}

/** The tray's input. */
export function trayFacts(facts: ShellFacts): TrayFacts {
  return {
    driver: facts.driver,
    target: facts.target,
    drivers: facts.drivers,
    instances: facts.instances,
    operations: facts.operations,
    primaryName: facts.settings['client.primary-name'] ?? 'primary',
  };
}

function upsert(facts: ShellFacts, changed: InstanceInfo): InstanceInfo[] {
  if (changed.scope !== facts.scope) return facts.instances;
  const others = facts.instances.filter((i) => i.name !== changed.name);
  return [...others, changed];
}

function addOperation(
  facts: ShellFacts,
  progress: ApiEventPayload<'operation.progress'>,
): ShellFacts['operations'] {
  if (facts.operations.some((o) => o.operationId === progress.operationId)) {
    return facts.operations;
  }
  const { operationId, instance, kind } = progress;
  return [...facts.operations, { operationId, instance, kind }];
}
