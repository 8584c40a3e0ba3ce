/**
 * Feeds the instances store: whole lists from instances.list and single changes from events.
 * Events that arrive while a list is on its way are held and replayed on top of it, so a
 * list that was read before a change cannot undo that change.
 */
import type { InstanceInfo } from '../../src-shared/api';
import type { RendererTransport } from '../transport/transport';
import type { InstancesStore } from './instances-store';
import type { PendingStore } from './pending-store';

/** The instance feed's entry points. */
export interface InstanceFeed {
  refetch(): Promise<void>;
  changed(instance: InstanceInfo): void;
  removed(scope: string, name: string): void;
}

/** Creates the feed for `stores.instances`, telling `stores.pending` what it observes. */
export function createInstanceFeed(
  transport: RendererTransport,
  stores: { instances: InstancesStore; pending: PendingStore },
): InstanceFeed {
  let generation = 0;
  let inFlight = 0;
  let held: (() => void)[] = [];

  const applyChanged = (instance: InstanceInfo) => {
    if (stores.instances.getState().upsert(instance)) {
      stores.pending.getState().observe(instance.name, instance);
    }
  };
  const applyRemoved = (scope: string, name: string) => {
    if (stores.instances.getState().remove(scope, name)) {
      stores.pending.getState().observe(name, null);
    }
  };
  const whenSettled = (apply: () => void) => {
    if (inFlight > 0) held.push(apply);
    else apply();
  };

  const refetch = async () => {
    const mine = ++generation;
    inFlight += 1;
    try {
      const list = await transport.call('instances.list', { includeDeleted: true });
      // Only the newest list counts; an older one may describe the scope that was left.
      if (mine !== generation) return;
      stores.instances.getState().replace(list);
      const { byName } = stores.instances.getState();
      for (const name of Object.keys(stores.pending.getState().byName)) {
        stores.pending.getState().observe(name, byName[name] ?? null);
      }
    } finally {
      inFlight -= 1;
      if (inFlight === 0) {
        const replay = held;
        held = [];
        for (const apply of replay) apply();
      }
    }
  };

  return {
    refetch,
    changed: (instance) => whenSettled(() => applyChanged(instance)),
    removed: (scope, name) => whenSettled(() => applyRemoved(scope, name)),
  };
}
