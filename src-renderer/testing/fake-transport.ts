/**
 * A RendererTransport for tests: answers requests from replaceable handlers over a small
 * in-memory scope, records every call, and lets the test push events and status changes.
 */
import type {
  ApiEvent,
  ApiEventPayload,
  ApiMethod,
  ApiRequest,
  ApiResponse,
  InstanceInfo,
} from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import type { ConnectionStatus, RendererTransport } from '../transport/transport';
import { type FakeExtras, handleExtras } from './fake-extras';
import { linuxDrivers } from './fixtures';

type Handler<M extends ApiMethod> = (
  params: ApiRequest<M>,
) => ApiResponse<M> | Promise<ApiResponse<M>>;
type Handlers = { [M in ApiMethod]?: Handler<M> };
type Listener = (payload: never) => void;

/** What a test sees of one request. */
export interface RecordedCall {
  method: ApiMethod;
  params: unknown;
}

/** The fake transport. */
export class FakeTransport implements RendererTransport {
  readonly calls: RecordedCall[] = [];
  driver: DriverId = 'qemu';
  /** The active target; the driver's id unless a test picks a remote ("lxd@lab"). */
  target: string | null = null;
  scope = 'qemu';
  instances: InstanceInfo[] = [];
  /** Remote servers, and mounts and NICs by instance name. */
  readonly extras: FakeExtras = { remotes: [], mounts: {}, networks: {} };
  private currentStatus: ConnectionStatus;
  private readonly handlers: Handlers = {};
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();

  constructor(options: { status?: ConnectionStatus; instances?: InstanceInfo[] } = {}) {
    this.currentStatus = options.status ?? 'open';
    this.instances = options.instances ?? [];
    this.handle('instances.list', () => ({
      driver: this.driver,
      target: this.target ?? this.driver,
      scope: this.scope,
      instances: this.instances,
    }));
    this.handle('drivers.list', () => linuxDrivers());
    this.handle('settings.list', () => [{ key: 'client.theme', value: 'system' }]);
    this.handle('operations.list', () => []);
    this.handle('instances.suggestName', () => ({ name: 'brisk-heron' }));
    this.handle('settings.set', (p) => p);
    handleExtras(this, this.extras);
  }

  /** Replaces the handler of `method`. */
  handle<M extends ApiMethod>(method: M, handler: Handler<M>): void {
    (this.handlers as Record<string, unknown>)[method] = handler;
  }

  /** The calls made to `method`, with their params. */
  callsOf<M extends ApiMethod>(method: M): ApiRequest<M>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.params as ApiRequest<M>);
  }

  async call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>> {
    this.calls.push({ method, params });
    const handler = this.handlers[method] as Handler<M> | undefined;
    if (!handler) throw new Error(`The fake transport has no handler for ${method}`);
    return handler(params);
  }

  on<E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener);
  }

  /** Pushes one event to the listeners, as the core would. */
  emit<E extends ApiEvent>(event: E, payload: ApiEventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as (p: ApiEventPayload<E>) => void)(payload);
    }
  }

  status(): ConnectionStatus {
    return this.currentStatus;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Changes the connection status and tells the listeners. */
  setStatus(status: ConnectionStatus): void {
    this.currentStatus = status;
    for (const listener of this.statusListeners) listener(status);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.statusListeners.clear();
  }
}
