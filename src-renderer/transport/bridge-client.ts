/**
 * The renderer's transport in a browser: the contract over the loopback bridge's WebSocket
 * (`berth serve`). The token reaches the socket by the cookie the page load set, and by the
 * query too when the page URL has it. When the socket drops, calls in flight fail, the
 * status goes 'lost', and the client reconnects with backoff ('connecting', then 'open').
 *
 * Bundled for the browser: no Node imports. The WebSocket constructor and the URL can be
 * injected, so tests run it in Node against a real bridge.
 */
import type { ApiMethod, ApiRequest, ApiResponse } from '../../src-shared/api';
import {
  BRIDGE_API_PATH,
  BRIDGE_MAX_MESSAGE_BYTES,
  BRIDGE_TOKEN_PARAM,
} from '../../src-shared/bridge';
import { deliverFrame, type PendingCall } from '../../src-shared/client-frames';
import { BerthError } from '../../src-shared/errors';
import { createEventRouter } from '../../src-shared/event-router';
import type { ConnectionStatus, RendererTransport } from './transport';

/** The part of the browser's WebSocket this client uses. */
export interface BridgeSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Makes a socket for a URL, like `new WebSocket(url)`. */
export type BridgeSocketConstructor = new (url: string) => BridgeSocket;

/** How to reach the bridge; the defaults suit the page the bridge served. */
export interface BridgeClientOptions {
  /** The socket's URL; defaults to bridgeApiUrl(location). */
  url?: string;
  /** Defaults to the browser's WebSocket. */
  WebSocket?: BridgeSocketConstructor;
  /** Waits before each reconnect attempt, in ms; the last one repeats. */
  retryDelaysMs?: readonly number[];
}

/** Where the page's location says the bridge's socket is. */
export interface PageLocation {
  host: string;
  search: string;
}

const DEFAULT_RETRY_DELAYS_MS = [250, 500, 1000, 2000, 5000];
/** WebSocket readyState of an open socket. */
const OPEN = 1;
/** WebSocket close code for a normal close. */
const NORMAL_CLOSURE = 1000;

/** The socket URL for a page at `location`, carrying the page's token when its URL has one. */
export function bridgeApiUrl(location: PageLocation): string {
  const token = new URLSearchParams(location.search).get(BRIDGE_TOKEN_PARAM);
  const query = token ? `?${BRIDGE_TOKEN_PARAM}=${encodeURIComponent(token)}` : '';
  return `ws://${location.host}${BRIDGE_API_PATH}${query}`;
}

/** Connects to the bridge; the first status is 'connecting', and calls wait for 'open'. */
export function createBridgeClient(options: BridgeClientOptions = {}): RendererTransport {
  const Socket = options.WebSocket ?? browserGlobals().WebSocket;
  if (!Socket) throw new BerthError('UNSUPPORTED', 'This browser has no WebSocket');
  const url = options.url ?? defaultUrl();
  return new BridgeClient(Socket, url, options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS);
}

/** The browser's globals this file needs, typed loosely so it also compiles for Node tests. */
function browserGlobals(): { WebSocket?: BridgeSocketConstructor; location?: PageLocation } {
  return globalThis as { WebSocket?: BridgeSocketConstructor; location?: PageLocation };
}

function defaultUrl(): string {
  const { location } = browserGlobals();
  if (!location) throw new BerthError('INVALID_INPUT', 'No page location; pass the bridge URL');
  return bridgeApiUrl(location);
}

class BridgeClient implements RendererTransport {
  private readonly pending = new Map<number, PendingCall>();
  private readonly router = createEventRouter();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  /** Frames written before the socket opened. */
  private unsent: string[] = [];
  private socket: BridgeSocket | null = null;
  private current: ConnectionStatus = 'connecting';
  private nextId = 1;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly Socket: BridgeSocketConstructor,
    private readonly url: string,
    private readonly retryDelaysMs: readonly number[],
  ) {
    this.connect();
  }

  status = (): ConnectionStatus => this.current;

  onStatus = (listener: (status: ConnectionStatus) => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  };

  on: RendererTransport['on'] = (event, listener) => this.router.on(event, listener);

  call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>> {
    if (this.closed) return Promise.reject(new BerthError('INTERNAL', 'The client is closed'));
    if (this.current === 'lost') return Promise.reject(lostConnection());
    const id = this.nextId++;
    const frame = JSON.stringify({ id, method, params });
    if (new TextEncoder().encode(frame).length > BRIDGE_MAX_MESSAGE_BYTES) {
      const message = `The ${method} request is larger than ${BRIDGE_MAX_MESSAGE_BYTES} bytes`;
      return Promise.reject(new BerthError('INVALID_INPUT', message));
    }

    return new Promise<ApiResponse<M>>((resolve, reject) => {
      // deliverFrame checked the result against API[method].response, so the cast holds.
      const settle = (result: unknown) => resolve(result as ApiResponse<M>);
      this.pending.set(id, { method, resolve: settle, reject });
      if (this.socket?.readyState === OPEN) this.socket.send(frame);
      else this.unsent.push(frame);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.failAll(new BerthError('INTERNAL', 'The client is closed'));
    this.router.clear();
    this.statusListeners.clear();
    this.socket?.close(NORMAL_CLOSURE);
    this.socket = null;
  }

  private connect(): void {
    this.setStatus('connecting');
    let socket: BridgeSocket;
    try {
      socket = new this.Socket(this.url);
    } catch {
      this.dropped();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => this.opened(socket));
    socket.addEventListener('message', (event) => this.handleMessage(event.data));
    // A 'close' always follows an 'error'; listening keeps Node-style sockets from throwing.
    socket.addEventListener('error', () => undefined);
    socket.addEventListener('close', () => {
      if (this.socket === socket) this.dropped();
    });
  }

  private opened(socket: BridgeSocket): void {
    if (this.socket !== socket) return;
    this.attempt = 0;
    for (const frame of this.unsent) socket.send(frame);
    this.unsent = [];
    this.setStatus('open');
  }

  /** The socket is gone: fail what waits, say so, and try again after a pause. */
  private dropped(): void {
    this.socket = null;
    if (this.closed) return;
    this.failAll(lostConnection());
    this.setStatus('lost');
    const delays = this.retryDelaysMs;
    const delay = delays[Math.min(this.attempt, delays.length - 1)] ?? 1000;
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed) this.connect();
    }, delay);
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    deliverFrame(json, this.router, this.pending);
  }

  private failAll(error: BerthError): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.unsent = [];
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.current === status) return;
    this.current = status;
    for (const listener of [...this.statusListeners]) listener(status);
  }
}

function lostConnection(): BerthError {
  return new BerthError('INTERNAL', 'Lost the connection to Berth');
}
