/**
 * What the Electron preload exposes to the page as `window.berth`: the contract's requests and
 * events, nothing else. The renderer declares `window.berth?: BerthPreloadApi` and wraps it
 * (clientFromPreload) into its transport; no Node API ever reaches the page through it.
 */
import {
  API,
  type ApiEvent,
  type ApiEventPayload,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type BerthClient,
} from './api';
import { BerthError, type ErrorEnvelope, fromErrorEnvelope } from './errors';

/** The outcome of one request: its validated result, or the shared error envelope. */
export type InvokeOutcome<M extends ApiMethod> =
  | { ok: true; result: ApiResponse<M> }
  | { ok: false; error: ErrorEnvelope };

/** The object at `window.berth` when the page runs in the Electron shell. */
export interface BerthPreloadApi {
  /**
   * Sends one request to the core. Resolves with an envelope rather than rejecting, because an
   * error crossing the context bridge would lose its code; clientFromPreload rethrows it.
   */
  invoke<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<InvokeOutcome<M>>;
  /** Listens to one core event; returns the function that stops listening. */
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
  /**
   * Tells the shell the page is listening. Events are held back until then, so none is lost
   * while the page starts; call it once, after the first listeners are attached.
   */
  ready(): void;
}

/** A BerthClient over `window.berth`, rethrowing envelopes as BerthError. */
export function clientFromPreload(api: BerthPreloadApi): BerthClient {
  let closed = false;
  const stops = new Set<() => void>();

  const call = async <M extends ApiMethod>(
    method: M,
    params: ApiRequest<M>,
  ): Promise<ApiResponse<M>> => {
    if (closed) throw new BerthError('INTERNAL', 'The client is closed');
    const outcome = await api.invoke(method, params);
    if (!outcome.ok) throw fromErrorEnvelope(outcome.error);
    // The shell validated the result already; parsing here gives it its static type.
    return API[method].response.parse(outcome.result) as ApiResponse<M>;
  };

  const on: BerthClient['on'] = (event, listener) => {
    const stop = api.on(event, listener);
    stops.add(stop);
    return () => {
      stops.delete(stop);
      stop();
    };
  };

  const close = async (): Promise<void> => {
    closed = true;
    for (const stop of stops) stop();
    stops.clear();
  };

  return { call, on, close };
}
