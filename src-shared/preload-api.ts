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

/** Pages the shell can ask the window to show (the tray's Settings and Open Berth items). */
export type ShellPage = 'instances' | 'settings';

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
  /** Runs `listener` when the shell asks for a page; returns the function that stops it. */
  onShowPage(listener: (page: ShellPage) => void): () => void;
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

/** How the window's connection to the core is doing (the renderer's ConnectionStatus). */
type PreloadStatus = 'connecting' | 'open' | 'lost';

/** A BerthClient over the preload that also reports its connection, as the renderer wants. */
export interface PreloadTransport extends BerthClient {
  status(): PreloadStatus;
  onStatus(listener: (status: PreloadStatus) => void): () => void;
}

/**
 * The renderer's transport over `window.berth`. Always open: the shell hosts the core for as
 * long as the window exists. It says `ready()` once, in the microtask after the first
 * listener is attached, so every listener attached in that same turn (the stores wire theirs
 * together) is in place before the shell lets held events through.
 */
export function preloadTransport(api: BerthPreloadApi): PreloadTransport {
  const client = clientFromPreload(api);
  let readySent = false;

  const on: BerthClient['on'] = (event, listener) => {
    const stop = client.on(event, listener);
    if (!readySent) {
      readySent = true;
      queueMicrotask(() => api.ready());
    }
    return stop;
  };

  return { ...client, on, status: () => 'open', onStatus: () => () => undefined };
}
