/** Notifications: failures with their details, and short notes of things that finished. */
import { createStore } from 'zustand/vanilla';

/** How a notification reads: a failure stays until dismissed, the others fade. */
export type NotificationTone = 'error' | 'info' | 'success';

/** One notification. */
export interface Notice {
  id: number;
  tone: NotificationTone;
  title: string;
  message: string;
  /** Extra lines, e.g. the last lines of the driver's log from an error envelope. */
  details: readonly string[];
}

/** What the notifications store holds. */
export interface NotificationsState {
  items: readonly Notice[];
  /** Adds a notification unless the same one is already showing; returns its id. */
  push(notice: Omit<Notice, 'id'>): number;
  dismiss(id: number): void;
}

/** Oldest notifications go first beyond this many, so a storm cannot cover the window. */
const MAX_SHOWN = 5;

/** A store for notifications. */
export function createNotificationsStore() {
  let nextId = 1;
  return createStore<NotificationsState>()((set, get) => ({
    items: [],
    push: (notice) => {
      // A failed request and its operation.finished event describe one failure; show it once.
      const same = get().items.find(
        (n) => n.title === notice.title && n.message === notice.message,
      );
      if (same) return same.id;
      const id = nextId++;
      set({ items: [...get().items, { ...notice, id }].slice(-MAX_SHOWN) });
      return id;
    },
    dismiss: (id) => set({ items: get().items.filter((n) => n.id !== id) }),
  }));
}

/** The notifications store's API. */
export type NotificationsStore = ReturnType<typeof createNotificationsStore>;
