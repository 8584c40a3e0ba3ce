/** Window-only state: which page is shown, which dialog is open, and the list's view options. */
import { createStore } from 'zustand/vanilla';

/** The page in the main area. */
export type View =
  | { page: 'instances' }
  | { page: 'instance'; name: string }
  | { page: 'settings' };

/** Columns the list sorts by. */
export type SortKey = 'name' | 'state' | 'image' | 'cpus' | 'memory' | 'disk' | 'ipv4' | 'age';

/** A question the user must confirm before something irreversible or disruptive. */
export interface ConfirmRequest {
  title: string;
  message: string;
  okLabel: string;
  danger: boolean;
  onConfirm(): void;
}

/** What the UI store holds. */
export interface UiState {
  view: View;
  launchOpen: boolean;
  /** The driver target ("qemu", "lxd@lab") whose switch preview is open. */
  switchTarget: string | null;
  confirm: ConfirmRequest | null;
  /** The instance whose take-snapshot dialog is open. */
  snapshotFor: string | null;
  search: string;
  runningOnly: boolean;
  sort: { key: SortKey; descending: boolean };
  selected: ReadonlySet<string>;
  show(view: View): void;
  setLaunchOpen(open: boolean): void;
  setSwitchTarget(target: string | null): void;
  ask(request: ConfirmRequest | null): void;
  setSnapshotFor(name: string | null): void;
  setSearch(text: string): void;
  setRunningOnly(on: boolean): void;
  /** Sorts by `key`; the same key again flips the direction. */
  sortBy(key: SortKey): void;
  setSelected(names: ReadonlySet<string>): void;
  toggleSelected(name: string): void;
}

/** A store for window-only state. */
export function createUiStore() {
  return createStore<UiState>()((set, get) => ({
    view: { page: 'instances' },
    launchOpen: false,
    switchTarget: null,
    confirm: null,
    snapshotFor: null,
    search: '',
    runningOnly: false,
    sort: { key: 'name', descending: false },
    selected: new Set(),
    show: (view) => set({ view }),
    setLaunchOpen: (launchOpen) => set({ launchOpen }),
    setSwitchTarget: (switchTarget) => set({ switchTarget }),
    ask: (confirm) => set({ confirm }),
    setSnapshotFor: (snapshotFor) => set({ snapshotFor }),
    setSearch: (search) => set({ search }),
    setRunningOnly: (runningOnly) => set({ runningOnly }),
    sortBy: (key) => {
      const { sort } = get();
      set({ sort: { key, descending: sort.key === key ? !sort.descending : false } });
    },
    setSelected: (selected) => set({ selected }),
    toggleSelected: (name) => {
      const selected = new Set(get().selected);
      if (!selected.delete(name)) selected.add(name);
      set({ selected });
    },
  }));
}

/** The UI store's API. */
export type UiStore = ReturnType<typeof createUiStore>;
