/**
 * Holds core events back until the page says it is listening, then lets them through in
 * order. Without it, events pushed while the page loads (a VM that finished booting during
 * start-up) would be sent to nobody and the window would show stale state.
 */
import type { ApiEvent } from '../../src-shared/api';

/** One event as it crosses to the page. */
export interface EventFrame {
  event: ApiEvent;
  payload: unknown;
}

/** The gate between the core's event stream and one page. */
export interface EventGate {
  /** Sends now when the page is ready, else keeps the event for later. */
  push(frame: EventFrame): void;
  /** The page is listening: flush what was kept, then send directly. */
  open(): void;
  /** The page is not listening for now: keep events again until it is ready anew. */
  close(): void;
  /**
   * A new page is starting (navigation, reload, new window): drop what was kept for the old
   * one, since the new page fetches the whole state itself, and keep events until it is ready.
   */
  reset(): void;
  /** How many events are waiting. */
  pending(): number;
}

/**
 * Past this many held events the oldest are dropped: a page that never says ready must not
 * grow the shell's memory without bound. The page refetches state when it connects anyway.
 */
export const MAX_HELD_EVENTS = 1000;

/** A closed gate in front of `send`. */
export function createEventGate(send: (frame: EventFrame) => void): EventGate {
  let held: EventFrame[] = [];
  let isOpen = false;

  return {
    push(frame) {
      if (isOpen) {
        send(frame);
        return;
      }
      held.push(frame);
      if (held.length > MAX_HELD_EVENTS) held = held.slice(-MAX_HELD_EVENTS);
    },
    open() {
      isOpen = true;
      const flushing = held;
      held = [];
      for (const frame of flushing) send(frame);
    },
    close() {
      isOpen = false;
    },
    reset() {
      isOpen = false;
      held = [];
    },
    pending: () => held.length,
  };
}
