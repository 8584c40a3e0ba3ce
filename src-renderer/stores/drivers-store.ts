/** The drivers of this computer, from drivers.list (refetched on connect and driver.switched). */
import { createStore } from 'zustand/vanilla';
import type { DriverInfo } from '../../src-shared/api';

/** What the drivers store holds. */
export interface DriversState {
  drivers: readonly DriverInfo[];
  loaded: boolean;
  replace(drivers: readonly DriverInfo[]): void;
}

/** A store for the driver list. */
export function createDriversStore() {
  return createStore<DriversState>()((set) => ({
    drivers: [],
    loaded: false,
    replace: (drivers) => set({ drivers, loaded: true }),
  }));
}

/** The drivers store's API. */
export type DriversStore = ReturnType<typeof createDriversStore>;
