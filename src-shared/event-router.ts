/** Client-side event listeners: validates each pushed event and hands it to its listeners. */
import { type ApiEvent, type ApiEventPayload, EVENTS } from './api';

type Listener = (payload: unknown) => void;

/** Holds a client's event listeners. */
export interface EventRouter {
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
  /** Delivers one event; unknown events and payloads that fail their schema are dropped. */
  deliver(event: string, payload: unknown): void;
  /** Forgets every listener. */
  clear(): void;
}

function isApiEvent(event: string): event is ApiEvent {
  return Object.hasOwn(EVENTS, event);
}

/** Creates an empty router. */
export function createEventRouter(): EventRouter {
  const listeners = new Map<ApiEvent, Set<Listener>>();

  const on = <E extends ApiEvent>(
    event: E,
    listener: (payload: ApiEventPayload<E>) => void,
  ): (() => void) => {
    // The payload was checked against EVENTS[event] in deliver, so the cast holds.
    const wrapped: Listener = (payload) => listener(payload as ApiEventPayload<E>);
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(wrapped);
    listeners.set(event, set);
    return () => {
      set.delete(wrapped);
    };
  };

  const deliver = (event: string, payload: unknown): void => {
    if (!isApiEvent(event)) return;
    const set = listeners.get(event);
    if (!set || set.size === 0) return;
    const parsed = EVENTS[event].safeParse(payload);
    if (!parsed.success) return;
    for (const listener of [...set]) listener(parsed.data);
  };

  return { on, deliver, clear: () => listeners.clear() };
}
