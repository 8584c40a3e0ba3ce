/** Snapshot lists per instance, loaded when the instance page opens and after each change. */
import { createStore } from 'zustand/vanilla';
import type { SnapshotInfo } from '../../src-shared/api';

/** What the snapshots store holds. */
export interface SnapshotsState {
  /** Undefined until the instance's list has been loaded once. */
  byInstance: Readonly<Record<string, readonly SnapshotInfo[]>>;
  put(instance: string, snapshots: readonly SnapshotInfo[]): void;
  clear(): void;
}

/** A store for snapshot lists. */
export function createSnapshotsStore() {
  return createStore<SnapshotsState>()((set, get) => ({
    byInstance: {},
    put: (instance, snapshots) =>
      set({ byInstance: { ...get().byInstance, [instance]: snapshots } }),
    clear: () => set({ byInstance: {} }),
  }));
}

/** The snapshots store's API. */
export type SnapshotsStore = ReturnType<typeof createSnapshotsStore>;
