/**
 * Turns LXD's lifecycle events into driver events for the attached instances. After the event
 * stream reconnects (LXD restarted), each instance's state is read again, and whatever changed
 * meanwhile is reported as if the events had arrived.
 */
import type { Logger } from '../../core/logger';
import type { DriverContext, DriverEvent, ObservedState } from '../driver';
import { type LifecycleEvent, LxdEventStream } from './event-stream';
import { observe } from './power';
import type { LxdClient } from './rest-client';

/** The driver event a lifecycle action means, or null for actions Berth does not follow. */
export function driverEventOf(action: string): DriverEvent | null {
  switch (action) {
    case 'instance-started':
    case 'instance-resumed':
      return { kind: 'running' };
    case 'instance-paused':
      return { kind: 'paused' };
    case 'instance-restarted':
      return { kind: 'reset' };
    // LXD sends "instance-shutdown" once a graceful stop has finished, not when it begins.
    case 'instance-shutdown':
      return { kind: 'exited', detail: 'shut down' };
    case 'instance-stopped':
      return { kind: 'exited', detail: 'stopped' };
    case 'instance-deleted':
      return { kind: 'exited', detail: 'deleted in LXD' };
    default:
      return null;
  }
}

/** What a driver event implies about the instance's state, when it implies one. */
function stateAfter(event: DriverEvent): ObservedState | null {
  if (event.kind === 'running') return 'running';
  if (event.kind === 'paused') return 'paused';
  if (event.kind === 'exited') return 'stopped';
  return null;
}

interface Watched {
  ctx: DriverContext;
  last: ObservedState;
}

/** The attached instances of one LXD project and the event stream feeding them. */
export class InstanceWatch {
  private readonly watched = new Map<string, Watched>();
  private stream: LxdEventStream | null = null;

  constructor(
    private readonly client: LxdClient,
    private readonly log: Logger,
  ) {}

  /** Starts delivering `ctx`'s events (replacing an older context of the same name). */
  async add(ctx: DriverContext, observed: ObservedState): Promise<void> {
    this.watched.set(ctx.spec.name, { ctx, last: observed });
    if (!this.stream) {
      const { project } = this.client;
      this.stream = new LxdEventStream(this.client.endpoint, project ?? 'default', this.log, {
        onLifecycle: (event) => this.deliver(event),
        onReconnected: () => void this.resync(),
      });
    }
    await this.stream.start();
  }

  /** Records a state the driver caused, so a resync does not report it again. */
  note(name: string, state: ObservedState): void {
    const watched = this.watched.get(name);
    if (watched) watched.last = state;
  }

  /** Stops delivering events of `name`; the stream closes when nothing is watched. */
  remove(name: string): void {
    this.watched.delete(name);
    if (this.watched.size > 0) return;
    this.stream?.close();
    this.stream = null;
  }

  /** True while the event stream is connected. */
  get connected(): boolean {
    return this.stream?.isOpen ?? false;
  }

  private deliver(event: LifecycleEvent): void {
    const watched = this.watched.get(event.instance);
    const driverEvent = driverEventOf(event.action);
    if (!watched || !driverEvent) return;
    watched.last = stateAfter(driverEvent) ?? watched.last;
    watched.ctx.onEvent(driverEvent);
  }

  private async resync(): Promise<void> {
    for (const [name, watched] of this.watched) {
      const now = await observe(this.client, name).catch(() => null);
      if (!now || now === watched.last) continue;
      this.log.info('state changed while the event stream was down', {
        instance: name,
        was: watched.last,
        now,
      });
      watched.last = now;
      const kind = now === 'running' ? 'running' : now === 'paused' ? 'paused' : 'exited';
      watched.ctx.onEvent({ kind, detail: 'seen after LXD reconnected' });
    }
  }
}
