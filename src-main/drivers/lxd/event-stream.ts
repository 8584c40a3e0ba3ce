/**
 * LXD's `/1.0/events` websocket, reduced to instance lifecycle events of one project. It
 * reconnects when LXD goes away (a restart, an upgrade), and says so, so the driver can read
 * the states it may have missed while disconnected.
 */
import WebSocket from 'ws';
import type { Logger } from '../../core/logger';
import { isRemote, type LxdEndpoint, pinnedAgent } from './rest-client';
import { eventSchema, lifecycleSchema } from './schemas';

/** Something that happened to one instance ("instance-started", "instance-deleted", ...). */
export interface LifecycleEvent {
  action: string;
  instance: string;
}

/** What the stream reports to. */
export interface EventStreamHandlers {
  onLifecycle(event: LifecycleEvent): void;
  /** Called after the stream came back from a disconnection; events may have been missed. */
  onReconnected(): void;
}

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 5_000;

/** The instance a lifecycle `source` names, e.g. "/1.0/instances/web?project=berth" → "web". */
export function instanceOfSource(source: string): string | null {
  const match = /^\/1\.0\/instances\/([^/?]+)(?:\?|$)/.exec(source);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** Parses one websocket message into a lifecycle event of an instance, or null. */
export function parseLifecycle(text: string): LifecycleEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const event = eventSchema.safeParse(json);
  if (!event.success || event.data.type !== 'lifecycle') return null;
  const lifecycle = lifecycleSchema.safeParse(event.data.metadata);
  if (!lifecycle.success) return null;
  const instance = instanceOfSource(lifecycle.data.source);
  return instance ? { action: lifecycle.data.action, instance } : null;
}

/** A self-reconnecting subscription to one project's lifecycle events. */
export class LxdEventStream {
  private socket: WebSocket | null = null;
  private retryMs = FIRST_RETRY_MS;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private everConnected = false;
  private lost = false;
  private readonly openWaiters: (() => void)[] = [];

  constructor(
    private readonly endpoint: LxdEndpoint,
    private readonly project: string,
    private readonly log: Logger,
    private readonly handlers: EventStreamHandlers,
  ) {}

  /** Connects (once); later calls do nothing. Resolves when the first connection is open. */
  start(timeoutMs = 5_000): Promise<void> {
    if (this.everConnected) return Promise.resolve();
    if (!this.socket && !this.timer) this.connect();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.openWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** True while the websocket is open. */
  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Stops listening for good. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.socket?.close();
    this.socket = null;
  }

  private connect(): void {
    this.timer = null;
    const query = `type=lifecycle&project=${encodeURIComponent(this.project)}`;
    const path = `/1.0/events?${query}`;
    const { endpoint } = this;
    const socket = isRemote(endpoint)
      ? new WebSocket(`${endpoint.url.replace(/^https:/, 'wss:')}${path}`, {
          agent: pinnedAgent(endpoint),
        })
      : new WebSocket(`ws+unix://${endpoint.socketPath}:${path}`);
    this.socket = socket;
    socket.on('open', () => this.opened());
    socket.on('message', (data: WebSocket.RawData) => {
      const event = parseLifecycle(data.toString());
      if (event) this.handlers.onLifecycle(event);
    });
    // 'close' follows every 'error', so reconnection is decided there alone.
    socket.on('error', (error) =>
      this.log.debug('LXD event stream error', { error: error.message }),
    );
    socket.on('close', () => this.dropped(socket));
  }

  private opened(): void {
    this.retryMs = FIRST_RETRY_MS;
    const reconnected = this.lost;
    this.lost = false;
    this.everConnected = true;
    for (const waiter of this.openWaiters.splice(0)) waiter();
    if (reconnected) {
      this.log.info('LXD event stream reconnected');
      this.handlers.onReconnected();
    }
  }

  private dropped(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = null;
    if (this.closed) return;
    if (!this.lost && this.everConnected) this.log.warn('LXD event stream lost; reconnecting');
    this.lost = this.everConnected;
    this.timer = setTimeout(() => this.connect(), this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }
}
