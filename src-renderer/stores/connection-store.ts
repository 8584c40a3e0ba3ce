/** The transport's connection status, mirrored so components can show the lost banner. */
import { createStore } from 'zustand/vanilla';
import type { ConnectionStatus } from '../transport/transport';

/** What the connection store holds. */
export interface ConnectionState {
  status: ConnectionStatus;
  /** True once the connection has been lost at least once (the banner then says reconnecting). */
  everLost: boolean;
  setStatus(status: ConnectionStatus): void;
}

/** A store for the connection status. */
export function createConnectionStore(initial: ConnectionStatus) {
  return createStore<ConnectionState>()((set, get) => ({
    status: initial,
    everLost: initial === 'lost',
    setStatus: (status) => set({ status, everLost: get().everLost || status === 'lost' }),
  }));
}

/** The connection store's API. */
export type ConnectionStore = ReturnType<typeof createConnectionStore>;
