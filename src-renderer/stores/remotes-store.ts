/** The remote servers added to Berth, from remotes.list and remotes.changed events. */
import { createStore } from 'zustand/vanilla';
import type { RemoteInfo } from '../../src-shared/api';

/** What the remotes store holds. */
export interface RemotesState {
  remotes: readonly RemoteInfo[];
  loaded: boolean;
  replace(remotes: readonly RemoteInfo[]): void;
}

/** A store for the remote servers. */
export function createRemotesStore() {
  return createStore<RemotesState>()((set) => ({
    remotes: [],
    loaded: false,
    replace: (remotes) => set({ remotes, loaded: true }),
  }));
}

/** The remotes store's API. */
export type RemotesStore = ReturnType<typeof createRemotesStore>;
