/** The core's event bus: typed events fanned out to every subscribed transport. */
import type { ApiEvent, ApiEventPayload } from '../../src-shared/api';
import type { EventListener } from '../transports/dispatcher';

/** Publishes core events to listeners; a throwing listener never breaks the others. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends one event to every listener. */
  emit<E extends ApiEvent>(event: E, payload: ApiEventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A broken transport must not stop the core or the other transports.
      }
    }
  }
}
