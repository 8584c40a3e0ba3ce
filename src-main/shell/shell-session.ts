/**
 * The shell's own client of the core: fetches the facts the tray and the quit flow need,
 * keeps them current from events, and tells its listeners after each change. Plain Node, so
 * it is tested over a real dispatcher without Electron.
 */
import type { ApiMethod, ApiRequest, ApiResponse, BerthClient } from '../../src-shared/api';
import type { Logger } from '../core/logger';
import type { Dispatcher } from '../transports/dispatcher';
import { createInProcessClient } from '../transports/in-process-client';
import {
  applyEvent,
  type CoreEvent,
  factsFromFetch,
  parseCoreEvent,
  type ShellFacts,
} from './shell-facts';

/** The shell's view of the core. */
export interface ShellSession {
  /** The latest facts (after start()). */
  facts(): ShellFacts;
  /** Calls the core like the window does. */
  call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>>;
  /** Runs after every change of the facts, with the event that caused it (null: a fetch). */
  onChange(listener: (facts: ShellFacts, cause: CoreEvent | null) => void): () => void;
  /** The user has looked at the window: the failure badge can go. */
  acknowledgeFailures(): void;
  /** Fetches everything again. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** Opens a session over the core's dispatcher and fetches the first facts. */
export async function openShellSession(core: Dispatcher, log: Logger): Promise<ShellSession> {
  const client = createInProcessClient(core);
  let current = await fetchFacts(client);
  const listeners = new Set<(facts: ShellFacts, cause: CoreEvent | null) => void>();

  const publish = (cause: CoreEvent | null): void => {
    for (const listener of [...listeners]) listener(current, cause);
  };
  const refresh = async (): Promise<void> => {
    const fetched = await fetchFacts(client);
    current = { ...fetched, unseenFailure: current.unseenFailure };
    publish(null);
  };

  const stop = core.subscribe((event, payload) => {
    const core = parseCoreEvent(event, payload);
    if (!core) return;
    const applied = applyEvent(current, core);
    current = applied.facts;
    publish(core);
    if (applied.refetch) {
      refresh().catch((error: unknown) =>
        log.warn('tray refresh failed', { error: String(error) }),
      );
    }
  });

  return {
    facts: () => current,
    call: (method, params) => client.call(method, params),
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    acknowledgeFailures() {
      if (!current.unseenFailure) return;
      current = { ...current, unseenFailure: false };
      publish(null);
    },
    refresh,
    async close() {
      stop();
      listeners.clear();
      await client.close();
    },
  };
}

async function fetchFacts(client: BerthClient): Promise<ShellFacts> {
  const [list, drivers, operations, settings] = await Promise.all([
    client.call('instances.list', {}),
    client.call('drivers.list', {}),
    client.call('operations.list', {}),
    client.call('settings.list', {}),
  ]);
  return factsFromFetch(list, drivers, operations, settings);
}
