/**
 * One attached QEMU: turns its monitor's events into driver events, notices its exit when
 * the monitor socket closes, and forgets its runtime files then.
 */
import type { DriverContext, DriverEvent } from '../driver';
import type { QmpClient } from './qmp-client';
import type { QmpEvent } from './qmp-messages';
import { clearRuntimeSync, type Runtime } from './runtime';

/** The CPU state QEMU reports: running, or stopped for any reason. */
export type RunState = 'running' | 'paused';

/** The driver event a QMP event means, or null when it means nothing to the core. */
export function driverEventFor(event: QmpEvent): DriverEvent | null {
  const reason = typeof event.data.reason === 'string' ? event.data.reason : undefined;
  switch (event.event) {
    case 'RESUME':
      return { kind: 'running' };
    case 'STOP':
      return { kind: 'paused' };
    case 'RESET':
      return reason ? { kind: 'reset', detail: reason } : { kind: 'reset' };
    case 'SHUTDOWN':
      return reason ? { kind: 'shutdown', detail: reason } : { kind: 'shutdown' };
    default:
      return null;
  }
}

/** The run state in a `query-status` reply; anything but running counts as paused. */
export function runStateOf(status: unknown): RunState {
  if (typeof status !== 'object' || status === null || !('running' in status)) return 'paused';
  return status.running === true ? 'running' : 'paused';
}

/** A live, attached QEMU process. */
export class QemuSession {
  /** Resolves when QEMU has exited (its monitor closed while attached). */
  readonly exited: Promise<void>;
  private lastRunState: RunState | null = null;
  private shutdownReason: string | null = null;
  private detached = false;
  private hasExited = false;
  private markExited: () => void = () => undefined;

  constructor(
    private ctx: DriverContext,
    readonly qmp: QmpClient,
    readonly runtime: Runtime,
    private readonly onGone: (session: QemuSession) => void,
  ) {
    this.exited = new Promise((resolve) => {
      this.markExited = resolve;
    });
    qmp.onEvent((event) => this.handleEvent(event));
    qmp.onClose(() => this.handleClose());
  }

  /** True once QEMU exited. */
  get isExited(): boolean {
    return this.hasExited;
  }

  /** Asks QEMU whether the CPUs run, and reports a change as an event. */
  async queryRunState(): Promise<RunState> {
    const state = runStateOf(await this.qmp.execute('query-status'));
    this.noteRunState(state, true);
    return state;
  }

  /** Delivers further events to `ctx` (a later attach may bring a new context). */
  rebind(ctx: DriverContext): void {
    this.ctx = ctx;
  }

  /** The CPU state last seen, or null before the first report. */
  get runState(): RunState | null {
    return this.lastRunState;
  }

  /** Records the state seen when attaching, without reporting it as news. */
  adoptRunState(state: RunState): void {
    this.lastRunState = state;
  }

  /** Waits for QEMU to exit; false after `timeoutMs` or when `signal` aborts first. */
  waitForExit(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.hasExited) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (exited: boolean): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(exited);
      };
      const onAbort = (): void => finish(false);
      const timer = setTimeout(() => finish(false), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.exited.then(() => finish(true));
    });
  }

  /** Stops listening and closes the monitor; QEMU keeps running. */
  detach(): void {
    this.detached = true;
    this.qmp.close();
  }

  private noteRunState(state: RunState, emit: boolean): void {
    const changed = this.lastRunState !== state;
    this.lastRunState = state;
    if (changed && emit) this.emit({ kind: state });
  }

  private handleEvent(event: QmpEvent): void {
    if (this.detached) return;
    this.ctx.log.debug('QEMU event', { instance: this.ctx.spec.name, event: event.event });
    const mapped = driverEventFor(event);
    if (!mapped) return;
    if (mapped.kind === 'running' || mapped.kind === 'paused') {
      this.noteRunState(mapped.kind, true);
      return;
    }
    if (mapped.kind === 'shutdown') this.shutdownReason = mapped.detail ?? 'unknown';
    this.emit(mapped);
  }

  private handleClose(): void {
    if (this.detached) return;
    this.hasExited = true;
    // Before the event goes out, so a start the core makes in reply finds a clean folder.
    clearRuntimeSync(this.ctx.dir, this.runtime.qmpSocket);
    this.onGone(this);
    const detail = this.shutdownReason
      ? `after shutdown (${this.shutdownReason})`
      : 'without a shutdown: killed or crashed';
    this.ctx.log.info('QEMU exited', { instance: this.ctx.spec.name, pid: this.runtime.pid });
    this.emit({ kind: 'exited', detail });
    this.markExited();
  }

  private emit(event: DriverEvent): void {
    try {
      this.ctx.onEvent(event);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.ctx.log.error('event listener failed', { instance: this.ctx.spec.name, message });
    }
  }
}
