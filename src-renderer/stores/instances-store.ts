/**
 * The active scope's instances, by name. Fed by instances.list (on connect, reconnect and
 * driver.switched) and by instance.changed / instance.removed events of the same scope.
 */
import { createStore } from 'zustand/vanilla';
import type { ApiResponse, InstanceInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';

/** What the instances store holds. */
export interface InstancesState {
  /** The active driver, its target ("lxd@lab") and scope, from the last list; null before. */
  driver: DriverId | null;
  target: string | null;
  scope: string | null;
  byName: Readonly<Record<string, InstanceInfo>>;
  /** True once a list has arrived, so an empty scope is not shown while loading. */
  loaded: boolean;
  /** Replaces everything with a fresh list. */
  replace(list: ApiResponse<'instances.list'>): void;
  /** Applies one observation; returns false when it belongs to another scope. */
  upsert(instance: InstanceInfo): boolean;
  /** Forgets one instance; returns false when the scope is not the active one. */
  remove(scope: string, name: string): boolean;
}

/** A store for the active scope's instances. */
export function createInstancesStore() {
  return createStore<InstancesState>()((set, get) => ({
    driver: null,
    target: null,
    scope: null,
    byName: {},
    loaded: false,
    replace: (list) => {
      const byName: Record<string, InstanceInfo> = {};
      for (const instance of list.instances) byName[instance.name] = instance;
      const { driver, target, scope } = list;
      set({ driver, target, scope, byName, loaded: true });
    },
    upsert: (instance) => {
      if (instance.scope !== get().scope) return false;
      set({ byName: { ...get().byName, [instance.name]: instance } });
      return true;
    },
    remove: (scope, name) => {
      if (scope !== get().scope) return false;
      const { [name]: _gone, ...rest } = get().byName;
      set({ byName: rest });
      return true;
    },
  }));
}

/** The instances store's API. */
export type InstancesStore = ReturnType<typeof createInstancesStore>;
