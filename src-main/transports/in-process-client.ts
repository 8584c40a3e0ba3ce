/**
 * A BerthClient straight over a Dispatcher, for a process that owns the core itself (the CLI
 * when no other process owns the data directory). Same contract as the socket client.
 */
import {
  API,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type BerthClient,
} from '../../src-shared/api';
import { BerthError, fromErrorEnvelope } from '../../src-shared/errors';
import { createEventRouter } from '../../src-shared/event-router';
import type { Dispatcher } from './dispatcher';

/** Creates a client that dispatches in this process. */
export function createInProcessClient(dispatcher: Dispatcher): BerthClient {
  const router = createEventRouter();
  const unsubscribe = dispatcher.subscribe((event, payload) => router.deliver(event, payload));
  let closed = false;

  const call = async <M extends ApiMethod>(
    method: M,
    params: ApiRequest<M>,
  ): Promise<ApiResponse<M>> => {
    if (closed) throw new BerthError('INTERNAL', 'The client is closed');
    const outcome = await dispatcher.dispatch(method, params);
    if (!outcome.ok) throw fromErrorEnvelope(outcome.error);
    // The dispatcher already validated the result; parsing again gives it its static type.
    return API[method].response.parse(outcome.result) as ApiResponse<M>;
  };

  const close = async (): Promise<void> => {
    closed = true;
    unsubscribe();
    router.clear();
  };

  return { call, on: router.on, close };
}
