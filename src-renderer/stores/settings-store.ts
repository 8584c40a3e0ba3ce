/** Settings as the core holds them, from settings.list and settings.changed events. */
import { createStore } from 'zustand/vanilla';
import type { ApiResponse } from '../../src-shared/api';

/** What the settings store holds. */
export interface SettingsState {
  values: Readonly<Record<string, string>>;
  loaded: boolean;
  replace(list: ApiResponse<'settings.list'>): void;
  /** Sets one value (from an event, a reply, or optimistically before the reply). */
  put(key: string, value: string): void;
}

/** A store for settings values. */
export function createSettingsStore() {
  return createStore<SettingsState>()((set, get) => ({
    values: {},
    loaded: false,
    replace: (list) => {
      const values: Record<string, string> = {};
      for (const { key, value } of list) values[key] = value;
      set({ values, loaded: true });
    },
    put: (key, value) => set({ values: { ...get().values, [key]: value } }),
  }));
}

/** The settings store's API. */
export type SettingsStore = ReturnType<typeof createSettingsStore>;
