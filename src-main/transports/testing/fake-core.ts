/**
 * An in-memory stand-in for the core, for transport and CLI tests: real dispatcher and schema
 * checks over handlers that keep instances in a Map and record every dispatched request.
 */
import type { ApiEvent, DriverInfo, InstanceInfo, SnapshotInfo } from '../../../src-shared/api';
import { BerthError } from '../../../src-shared/errors';
import { fakeInstance } from '../../../src-shared/testing/fixtures';
import {
  type ApiHandlers,
  createDispatcher,
  type Dispatcher,
  type EventListener,
} from '../dispatcher';

export { fakeInstance };

/** The fake core plus what tests inspect. */
export interface FakeCore {
  dispatcher: Dispatcher;
  /** Every request that reached the dispatcher, valid or not. */
  dispatched: { method: string; params: unknown }[];
  instances: Map<string, InstanceInfo>;
  snapshots: Map<string, SnapshotInfo[]>;
  settings: Map<string, string>;
  emit(event: ApiEvent, payload: unknown): void;
  closed: boolean;
  close(): Promise<void>;
}

/** A driver entry with plausible defaults. */
export function fakeDriver(extra: Partial<DriverInfo> = {}): DriverInfo {
  return {
    id: 'qemu',
    target: 'qemu',
    remote: null,
    clusterMembers: [],
    instanceTypes: ['virtual-machine'],
    label: 'QEMU',
    scope: 'qemu',
    available: true,
    version: '8.2.2',
    acceleration: 'kvm',
    warnings: [],
    reason: null,
    fix: null,
    capabilities: { nativeMounts: true, extraNetworks: true, snapshots: true, suspend: true },
    instanceCount: 0,
    isDefault: true,
    isActive: true,
    ...extra,
  };
}

/** Builds a fake core; `overrides` replace individual handlers. */
export function createFakeCore(overrides: Partial<ApiHandlers> = {}): FakeCore {
  const listeners = new Set<EventListener>();
  const state = {
    instances: new Map<string, InstanceInfo>(),
    snapshots: new Map<string, SnapshotInfo[]>(),
    settings: new Map<string, string>([['local.driver', 'qemu']]),
  };
  const handlers: ApiHandlers = { ...defaultHandlers(state), ...overrides };
  const inner = createDispatcher(handlers, (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });

  const fake: FakeCore = {
    ...state,
    dispatched: [],
    dispatcher: {
      dispatch: (method, params) => {
        fake.dispatched.push({ method, params });
        return inner.dispatch(method, params);
      },
      subscribe: inner.subscribe,
    },
    emit: (event, payload) => {
      for (const listener of listeners) listener(event, payload);
    },
    closed: false,
    close: async () => {
      fake.closed = true;
    },
  };
  return fake;
}

type State = Pick<FakeCore, 'instances' | 'snapshots' | 'settings'>;

function defaultHandlers(state: State): ApiHandlers {
  const find = (name: string): InstanceInfo => {
    const instance = state.instances.get(name);
    if (!instance) throw new BerthError('NOT_FOUND', `Instance "${name}" does not exist`);
    return instance;
  };
  const update = (name: string, change: Partial<InstanceInfo>): InstanceInfo => {
    const next = { ...find(name), ...change };
    state.instances.set(name, next);
    return next;
  };
  const visible = (includeDeleted = false) =>
    [...state.instances.values()].filter((i) => includeDeleted || !i.deleted);

  return {
    'system.ping': async () => ({ pid: process.pid, version: '0.0.0-fake' }),
    'instances.list': async ({ includeDeleted }) => ({
      driver: 'qemu',
      target: 'qemu',
      scope: 'qemu',
      instances: visible(includeDeleted),
    }),
    'instances.info': async ({ name }) => find(name),
    'instances.suggestName': async () => ({ name: 'fake-name' }),
    'instances.launch': async (request) => {
      const name = request.name ?? 'fake-name';
      const image = { kind: 'disk' as const, source: request.image };
      const instance = fakeInstance(name, { image, state: 'running', ipv4: ['10.0.2.15'] });
      state.instances.set(name, instance);
      return instance;
    },
    'instances.start': async ({ name }) => update(name, { state: 'running' }),
    'instances.stop': async ({ name }) => update(name, { state: 'stopped' }),
    'instances.suspend': async ({ name }) => update(name, { state: 'suspended' }),
    'instances.restart': async ({ name }) => update(name, { state: 'running' }),
    'instances.delete': async ({ name, purge }) => {
      find(name);
      if (purge) state.instances.delete(name);
      else update(name, { deleted: true });
      return { ok: true };
    },
    'instances.recover': async ({ name }) => update(name, { deleted: false }),
    'instances.purge': async () => {
      const purged = visible(true)
        .filter((i) => i.deleted)
        .map((i) => i.name);
      for (const name of purged) state.instances.delete(name);
      return { purged };
    },
    'instances.console': async ({ name }) => ({
      path: `/data/${find(name).name}/console.log`,
      text: 'boot ok\n',
    }),
    'snapshots.take': async ({ instance, snapshot, comment }) => {
      const list = state.snapshots.get(find(instance).name) ?? [];
      const taken = {
        name: snapshot ?? `snapshot${list.length + 1}`,
        comment: comment ?? '',
        createdAt: '2026-01-02T03:04:05.000Z',
      };
      state.snapshots.set(instance, [...list, taken]);
      return taken;
    },
    'snapshots.list': async ({ instance }) => state.snapshots.get(find(instance).name) ?? [],
    'snapshots.restore': async ({ instance, snapshot }) => {
      const list = state.snapshots.get(find(instance).name) ?? [];
      if (!list.some((s) => s.name === snapshot)) {
        throw new BerthError('NOT_FOUND', `No such snapshot: ${instance}.${snapshot}`);
      }
      return { ok: true };
    },
    'snapshots.delete': async () => ({ ok: true }),
    'settings.list': async () => [...state.settings].map(([key, value]) => ({ key, value })),
    'settings.get': async ({ key }) => {
      const value = state.settings.get(key);
      if (value === undefined) throw new BerthError('INVALID_INPUT', `Unknown setting "${key}"`);
      return { key, value };
    },
    'settings.set': async ({ key, value }) => {
      state.settings.set(key, value);
      return { key, value };
    },
    'drivers.list': async () => [fakeDriver({ instanceCount: state.instances.size })],
    'drivers.preview': async () => ({
      from: 'qemu',
      to: 'qemu',
      sameScope: true,
      items: [],
      summary: 'Nothing to do',
    }),
    'operations.list': async () => [],
    'operations.cancel': async () => ({ cancelled: false }),
    ...unsupportedExtras(),
  };
}

/** The methods transport tests never exercise, refused plainly. */
function unsupportedExtras() {
  const refuse = async (): Promise<never> => {
    throw new BerthError('UNSUPPORTED', 'The fake core does not do this');
  };
  return {
    'instances.exec': refuse,
    'mounts.list': refuse,
    'mounts.add': refuse,
    'mounts.remove': refuse,
    'networks.list': refuse,
    'networks.add': refuse,
    'networks.remove': refuse,
    'terminal.open': refuse,
    'terminal.input': refuse,
    'terminal.resize': refuse,
    'terminal.close': refuse,
    'remotes.list': refuse,
    'remotes.add': refuse,
    'remotes.remove': refuse,
    'remotes.certificate': refuse,
  };
}
