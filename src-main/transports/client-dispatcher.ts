/**
 * A Dispatcher over a BerthClient: lets a transport serve the contract from a process that
 * does not own the core, by forwarding every request and event to and from the owner (for
 * `berth serve` while `berth daemon` or the app owns the data directory).
 */
import {
  API,
  type ApiMethod,
  type ApiRequest,
  type BerthClient,
  EVENTS,
} from '../../src-shared/api';
import { type ApiHandlers, createDispatcher, type Dispatcher } from './dispatcher';

/**
 * Wraps `client`. Requests are checked here as well as at the owner, so a bad one never
 * reaches the socket and the error envelope is the same as the owner's own dispatcher gives.
 */
export function createClientDispatcher(client: BerthClient): Dispatcher {
  const forward = (method: ApiMethod) => (params: ApiRequest<ApiMethod>) =>
    client.call(method, params);
  // Built per method from the API table, so every method is covered; the mapped type cannot
  // be inferred from Object.fromEntries, hence the cast.
  const handlers = Object.fromEntries(
    Object.keys(API).map((method) => [method, forward(method as ApiMethod)]),
  ) as unknown as ApiHandlers;

  return createDispatcher(handlers, (listener) => {
    const offs = (Object.keys(EVENTS) as (keyof typeof EVENTS)[]).map((event) =>
      client.on(event, (payload) => listener(event, payload)),
    );
    return () => {
      for (const off of offs) off();
    };
  });
}
