/**
 * The one dispatch point every transport uses: validates a method name and its params against
 * the shared contract, runs the handler, validates the result, and wraps any failure in the
 * error envelope. Transports (local socket, IPC, loopback bridge) only move frames.
 */
import {
  API,
  type ApiEvent,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
} from '../../src-shared/api';
import { describeIssues } from '../../src-shared/client-frames';
import { BerthError, type ErrorEnvelope, toErrorEnvelope } from '../../src-shared/errors';

/** One handler per contract method. */
export type ApiHandlers = { [M in ApiMethod]: (params: ApiRequest<M>) => Promise<ApiResponse<M>> };

/** The outcome of one dispatched request, ready to become a reply frame. */
export type DispatchOutcome = { ok: true; result: unknown } | { ok: false; error: ErrorEnvelope };

/** Receives every event the core pushes. */
export type EventListener = (event: ApiEvent, payload: unknown) => void;

/** What transports serve: request dispatch plus the event stream. */
export interface Dispatcher {
  dispatch(method: string, params: unknown): Promise<DispatchOutcome>;
  subscribe(listener: EventListener): () => void;
}

function isApiMethod(method: string): method is ApiMethod {
  return Object.hasOwn(API, method);
}

/** Builds a dispatcher over `handlers`; `subscribe` comes from the core's event bus. */
export function createDispatcher(
  handlers: ApiHandlers,
  subscribe: (listener: EventListener) => () => void,
): Dispatcher {
  const dispatch = async (method: string, params: unknown): Promise<DispatchOutcome> => {
    try {
      if (!isApiMethod(method)) {
        throw new BerthError('INVALID_INPUT', `Unknown method "${method.slice(0, 100)}"`);
      }
      const parsed = API[method].request.safeParse(params ?? {});
      if (!parsed.success) {
        throw new BerthError(
          'INVALID_INPUT',
          `Invalid request for ${method}: ${describeIssues(parsed.error.issues)}`,
        );
      }
      const handler = handlers[method] as (p: unknown) => Promise<unknown>;
      const result = await handler(parsed.data);
      return { ok: true, result: API[method].response.parse(result) };
    } catch (error) {
      return { ok: false, error: toErrorEnvelope(error) };
    }
  };
  return { dispatch, subscribe };
}
