/**
 * The loaded, active scope: each instance's live state, its driver context, and the handling
 * of hypervisor events. Every state change is persisted (when worth keeping) and announced.
 */
import { join } from 'node:path';
import type { InstanceInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import type { InstanceState } from '../../src-shared/states';
import type {
  Driver,
  DriverContext,
  DriverEvent,
  DriverProbe,
  ObservedState,
  SshEndpoint,
} from '../drivers/driver';
import type { EventBus } from './event-bus';
import type { ReadinessRequest, SshIdentity } from './guest-ready';
import { type LiveView, toInstanceInfo } from './instance-view';
import { KeyedQueue } from './keyed-queue';
import type { Logger } from './logger';
import type { InstanceRecord, PersistedState } from './records';
import type { ScopeStore } from './scope-store';

/** What the runtime is built from. */
export interface ScopeRuntimeDeps {
  driverId: DriverId;
  driver: Driver;
  probe: DriverProbe;
  store: ScopeStore;
  /** Folder holding this scope's instance folders. */
  instancesDir: string;
  bus: EventBus;
  /** The driver's log topic. */
  log: Logger;
  identity: SshIdentity;
  /** Waits until the guest answers SSH and returns its IPv4 addresses. */
  waitReady: (request: ReadinessRequest) => Promise<string[]>;
}

/** One loaded instance. */
export interface LiveInstance extends LiveView {
  ctx: DriverContext;
  /** True while the hypervisor process exists (from driver events). */
  vmUp: boolean;
  /** Aborted when the VM exits, so a wait for SSH stops at once. */
  vmGone: AbortController;
}

const PERSISTED: Partial<Record<InstanceState, PersistedState>> = {
  stopped: 'stopped',
  starting: 'starting',
  restarting: 'starting',
  running: 'running',
  suspended: 'suspended',
};

/** The active scope with its driver. */
export class ScopeRuntime {
  readonly queue = new KeyedQueue();
  private readonly live = new Map<string, LiveInstance>();

  constructor(readonly deps: ScopeRuntimeDeps) {}

  get scope(): string {
    return this.deps.store.scope;
  }

  /** The live entry for `name`, created (not attached) on first use. */
  entry(name: string): LiveInstance {
    const existing = this.live.get(name);
    if (existing) return existing;
    const record = this.deps.store.get(name);
    const entry: LiveInstance = {
      state: record.state === 'starting' ? 'unknown' : record.state,
      ssh: null,
      location: null,
      ctx: this.contextFor(record),
      vmUp: false,
      vmGone: new AbortController(),
    };
    this.live.set(name, entry);
    return entry;
  }

  /** The folder of instance `name`. */
  instanceDir(name: string): string {
    return join(this.deps.instancesDir, name);
  }

  /** The client view of `name`. */
  info(name: string): InstanceInfo {
    return toInstanceInfo(this.scope, this.deps.store.get(name), this.entry(name));
  }

  /** Every instance's client view. */
  list(includeDeleted: boolean): InstanceInfo[] {
    const records = this.deps.store.all().filter((r) => includeDeleted || !r.deleted);
    return records.map((r) => this.info(r.name));
  }

  /** Sets the state (and optional record fields), persists what is worth keeping, announces. */
  async setState(
    name: string,
    state: InstanceState,
    change: Partial<InstanceRecord> = {},
  ): Promise<InstanceInfo> {
    const entry = this.entry(name);
    entry.state = state;
    if (state !== 'running') entry.ssh = null;
    const persisted = PERSISTED[state];
    const record = this.deps.store.get(name);
    // Running or stopped means the saved memory was resumed or discarded.
    const dropsSave = (state === 'running' || state === 'stopped') && record.suspendedBy;
    const owned = dropsSave ? { ...change, suspendedBy: null } : change;
    const wanted = persisted ? { ...owned, state: persisted } : owned;
    const next = changedFields(record, wanted);
    if (Object.keys(next).length > 0) await this.deps.store.update(name, next);
    if (state === 'running') await this.refreshLocation(name);
    const info = this.info(name);
    this.deps.bus.emit('instance.changed', info);
    return info;
  }

  /** Records where SSH is reachable once the instance is ready. */
  setSsh(name: string, endpoint: SshEndpoint | null): void {
    this.entry(name).ssh = endpoint;
  }

  /** Asks the driver what runs now and starts listening; returns what was observed. */
  async attach(name: string): Promise<ObservedState> {
    const entry = this.entry(name);
    if (!this.deps.probe.available) return entry.state === 'suspended' ? 'suspended' : 'stopped';
    // Memory saved by the other driver of a shared scope: this driver cannot see or use it.
    if (this.suspendedByOther(name)) return 'suspended';
    const observed = await this.deps.driver.attach(entry.ctx);
    await this.refreshLocation(name);
    entry.vmUp = observed === 'running' || observed === 'paused';
    if (entry.vmUp) entry.ssh = await this.deps.driver.sshEndpoint(entry.ctx);
    return observed;
  }

  /** Asks a cluster-aware driver where `name` runs; a failure keeps the last answer. */
  private async refreshLocation(name: string): Promise<void> {
    const entry = this.entry(name);
    const location = await this.deps.driver.location?.(entry.ctx).catch((error: unknown) => {
      this.deps.log.warn(`instance ${name}: cluster member unknown`, { error: String(error) });
      return entry.location;
    });
    if (location !== undefined) entry.location = location;
  }

  /** The driver holding `name`'s saved memory when that is not this scope's active driver. */
  suspendedByOther(name: string): DriverId | null {
    const record = this.deps.store.get(name);
    const owner = record.suspendedBy ?? null;
    if (record.state !== 'suspended' || owner === null) return null;
    return owner === this.deps.driverId ? null : owner;
  }

  /** Stops listening to every instance; their VMs keep running. */
  detachAll(): void {
    for (const entry of this.live.values()) this.deps.driver.detach(entry.ctx);
    this.live.clear();
  }

  /** Forgets an instance's live entry (after purge). */
  forget(name: string): void {
    const entry = this.live.get(name);
    if (entry) this.deps.driver.detach(entry.ctx);
    this.live.delete(name);
  }

  private contextFor(record: InstanceRecord): DriverContext {
    const spec = {
      name: record.name,
      cpus: record.cpus,
      memoryBytes: record.memoryBytes,
      diskBytes: record.diskBytes,
      bootKind: record.image.kind,
      macAddress: record.macAddress,
      ...(record.image.cmdline === undefined ? {} : { cmdline: record.image.cmdline }),
    };
    const log = this.deps.log;
    return {
      spec,
      dir: this.instanceDir(record.name),
      log,
      onEvent: (event) => this.onDriverEvent(record.name, event),
    };
  }

  private onDriverEvent(name: string, event: DriverEvent): void {
    const entry = this.live.get(name);
    if (!entry) return;
    this.deps.log.info(`instance ${name}: hypervisor event ${event.kind}`, {
      detail: event.detail,
    });
    if (event.kind === 'running') entry.vmUp = true;
    if (event.kind !== 'exited') return;
    entry.vmUp = false;
    entry.vmGone.abort();
    entry.vmGone = new AbortController();
    // A running operation decides the final state itself; otherwise the VM died or powered off.
    if (this.queue.isBusy(name)) return;
    if (entry.state === 'stopped' || entry.state === 'suspended') return;
    void this.setState(name, 'stopped', { ipv4: [] }).catch((error: unknown) => {
      this.deps.log.error('could not record an exit', { instance: name, error: String(error) });
    });
  }
}

/** The fields of `change` that differ from `record`, so unchanged states cost no write. */
function changedFields(
  record: InstanceRecord,
  change: Partial<InstanceRecord>,
): Partial<InstanceRecord> {
  const entries = Object.entries(change).filter(
    ([key, value]) => JSON.stringify(record[key as keyof InstanceRecord]) !== JSON.stringify(value),
  );
  return Object.fromEntries(entries) as Partial<InstanceRecord>;
}
