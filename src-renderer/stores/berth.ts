/**
 * One window's state: every store, fed by the transport's events and refetched whole on
 * connect, reconnect and driver switches. Components get it through BerthProvider; tests
 * build it over a fake RendererTransport.
 */
import type { InstanceInfo } from '../../src-shared/api';
import type { RendererTransport } from '../transport/transport';
import { createConnectionStore } from './connection-store';
import { createDriversStore } from './drivers-store';
import { wireEvents } from './event-wiring';
import { createInstanceFeed } from './instance-feed';
import { createInstancesStore } from './instances-store';
import { createNotificationsStore } from './notifications-store';
import { createOperationsStore } from './operations-store';
import { createPendingStore } from './pending-store';
import { createRemotesStore } from './remotes-store';
import { createSettingsStore } from './settings-store';
import { createSnapshotsStore } from './snapshots-store';
import { createUiStore } from './ui-store';

/** The stores of one window. */
export interface BerthStores {
  instances: ReturnType<typeof createInstancesStore>;
  drivers: ReturnType<typeof createDriversStore>;
  remotes: ReturnType<typeof createRemotesStore>;
  settings: ReturnType<typeof createSettingsStore>;
  operations: ReturnType<typeof createOperationsStore>;
  notifications: ReturnType<typeof createNotificationsStore>;
  pending: ReturnType<typeof createPendingStore>;
  snapshots: ReturnType<typeof createSnapshotsStore>;
  connection: ReturnType<typeof createConnectionStore>;
  ui: ReturnType<typeof createUiStore>;
}

/** The window's state plus the transport it talks through. */
export interface Berth extends BerthStores {
  transport: RendererTransport;
  /** Fetches instances, drivers, remotes, settings and running operations again. */
  refresh(): Promise<void>;
  /** Fetches the active scope's instances again (events during the fetch are kept). */
  refreshInstances(): Promise<void>;
  /** Fetches the drivers again; `fresh` asks the core to probe them again too. */
  refreshDrivers(fresh?: boolean): Promise<void>;
  /** Applies an instance the core returned in a reply, as if it had come in an event. */
  observe(instance: InstanceInfo): void;
  /** Unsubscribes from the transport (it stays open; its owner closes it). */
  dispose(): void;
}

function createStores(transport: RendererTransport): BerthStores {
  return {
    instances: createInstancesStore(),
    drivers: createDriversStore(),
    remotes: createRemotesStore(),
    settings: createSettingsStore(),
    operations: createOperationsStore(),
    notifications: createNotificationsStore(),
    pending: createPendingStore(),
    snapshots: createSnapshotsStore(),
    connection: createConnectionStore(transport.status()),
    ui: createUiStore(),
  };
}

/** Builds the stores over `transport`, subscribes to its events and fetches once it is open. */
export function createBerth(transport: RendererTransport): Berth {
  const stores = createStores(transport);
  const feed = createInstanceFeed(transport, stores);
  const warn = (what: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    stores.notifications.getState().push({ tone: 'error', title: what, message, details: [] });
  };

  const refreshDrivers = (fresh = false) =>
    transport.call('drivers.list', { fresh }).then(stores.drivers.getState().replace);
  const refreshSettings = () =>
    transport.call('settings.list', {}).then(stores.settings.getState().replace);
  const refreshRemotes = () =>
    transport.call('remotes.list', {}).then(stores.remotes.getState().replace);
  const refreshOperations = () =>
    transport.call('operations.list', {}).then(stores.operations.getState().replaceRunning);

  const refresh = async () => {
    await Promise.all([
      feed.refetch().catch(warn('Could not load the instances')),
      refreshDrivers().catch(warn('Could not load the drivers')),
      refreshRemotes().catch(warn('Could not load the remote servers')),
      refreshSettings().catch(warn('Could not load the settings')),
      refreshOperations().catch(warn('Could not load the running operations')),
    ]);
  };

  const berth: Berth = {
    ...stores,
    transport,
    refresh,
    refreshInstances: () => feed.refetch(),
    refreshDrivers: (fresh) => refreshDrivers(fresh).catch(warn('Could not load the drivers')),
    observe: feed.changed,
    dispose: () => undefined,
  };
  berth.dispose = wireEvents(berth, feed);
  if (transport.status() === 'open') void refresh();
  return berth;
}
