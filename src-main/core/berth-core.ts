/**
 * The core's state: the active driver and its loaded scope, settings, drivers, the event bus
 * and running operations. Opening a scope re-attaches to VMs that kept running.
 */
import { join } from 'node:path';
import type { DriverInfo, SwitchPreview } from '../../src-shared/api';
import { capabilitiesOf } from '../../src-shared/capabilities';
import { type DriverId, defaultDriver } from '../../src-shared/drivers';
import { BerthError } from '../../src-shared/errors';
import { driverOfTarget, parseTarget, scopeOfTarget, targetLabel } from '../../src-shared/targets';
import { layout } from './data-dir';
import type { DriverRegistry } from './driver-registry';
import { parkingPlan, previewSwitch } from './driver-switch';
import type { EventBus } from './event-bus';
import type { SshIdentity } from './guest-ready';
import { InstanceService } from './instance-service';
import { awaitReadyAgain, startInstance, stopInstance, suspendInstance } from './lifecycle';
import type { Logger } from './logger';
import type { OperationRegistry } from './operations';
import type { RemoteStore } from './remote-store';
import { ScopeRuntime, type ScopeRuntimeDeps } from './scope-runtime';
import { ScopeStore } from './scope-store';
import type { SettingsStore } from './settings-store';

/** What the core is assembled from. */
export interface CoreParts {
  dataDir: string;
  bus: EventBus;
  ops: OperationRegistry;
  settings: SettingsStore;
  registry: DriverRegistry;
  remotes: RemoteStore;
  identity: SshIdentity;
  log: Logger;
  waitReady: ScopeRuntimeDeps['waitReady'];
}

/** The running core. */
export class BerthCore {
  readonly instances: InstanceService;
  private active!: ScopeRuntime;
  private switching = false;

  constructor(readonly parts: CoreParts) {
    this.instances = new InstanceService(
      () => this.active,
      parts.ops,
      () => this.assertIdle(),
    );
  }

  /** Loads the scope of the configured target. */
  async load(): Promise<void> {
    this.active = await this.openRuntime(this.activeTarget());
  }

  /** The target the settings select: a driver id, or "lxd@<remote>". */
  activeTarget(): string {
    return this.parts.settings.get('local.driver');
  }

  /** The driver of the active target. */
  activeDriver(): DriverId {
    return driverOfTarget(this.activeTarget());
  }

  /** The loaded scope. */
  runtime(): ScopeRuntime {
    return this.active;
  }

  /** Every driver target with availability, capabilities and scope size; `fresh` probes
   *  each target again instead of reusing its last probe. */
  async drivers(fresh: boolean): Promise<DriverInfo[]> {
    const { registry, remotes } = this.parts;
    const host = registry.host;
    const fallback = defaultDriver(host.os, host.arch, host.windowsEdition);
    // Probes spawn tools or ask daemons; run them side by side rather than one after another.
    const describe = async (target: string): Promise<DriverInfo> => {
      const id = driverOfTarget(target);
      const scope = scopeOfTarget(target, host.os);
      const [probe, instanceCount] = await Promise.all([
        registry.probe(target, fresh),
        this.countInstances(scope),
      ]);
      const { instanceTypes, clusterMembers, ...availability } = probe;
      const remoteName = parseTarget(target)?.remote ?? null;
      const remote = remoteName === null ? null : remotes.find(remoteName);
      return {
        id,
        target,
        remote: remote ? { name: remote.name, url: remote.url } : null,
        clusterMembers: clusterMembers ?? [],
        instanceTypes: instanceTypes ?? ['virtual-machine'],
        label: targetLabel(target),
        scope,
        ...availability,
        capabilities: capabilitiesOf(id),
        instanceCount,
        isDefault: target === fallback,
        isActive: target === this.activeTarget(),
      };
    };
    return Promise.all(registry.targets().map(describe));
  }

  /** What switching to `value` would do. */
  async preview(value: string): Promise<SwitchPreview> {
    const to = this.checkTarget(value);
    const from = this.activeTarget();
    const toScope = scopeOfTarget(to, this.parts.registry.host.os);
    if (toScope === this.active.scope) return previewSwitch(from, to, this.active, 'same-scope');
    const store = await ScopeStore.open(toScope, this.scopeFile(toScope), this.parts.log);
    return previewSwitch(from, to, this.active, store.all());
  }

  /** Switches the active target: parks the old scope, loads the new one, brings back its VMs. */
  async switchDriver(value: string): Promise<string> {
    const to = this.checkTarget(value);
    const from = this.activeTarget();
    if (to === from) return to;
    this.assertIdle();
    this.switching = true;
    const sharedScope = scopeOfTarget(to, this.parts.registry.host.os) === this.active.scope;
    try {
      await this.park(this.active, sharedScope);
      this.active.detachAll();
      await this.parts.settings.set('local.driver', to);
      this.active = await this.openRuntime(to);
    } finally {
      this.switching = false;
    }
    this.parts.log.info(`driver switched from ${from} to ${to}`);
    this.parts.bus.emit('driver.switched', { from, to });
    await this.bringBack(this.active);
    return to;
  }

  /** Checks a `local.driver` value, including that a remote it names exists. */
  checkTarget(value: string): string {
    const target = this.parts.settings.check('local.driver', value);
    if (!this.parts.registry.has(target)) {
      const remote = parseTarget(target)?.remote;
      const message = remote
        ? `There is no remote called "${remote}"; ` +
          `add it with berth remote add ${remote} <url> <token>`
        : `"${value}" is not a driver on this computer`;
      throw new BerthError('INVALID_INPUT', message);
    }
    return target;
  }

  /** True when `scope` is the loaded one. */
  isActiveScope(scope: string): boolean {
    return this.active.scope === scope;
  }

  /** How many instances (deleted ones included) a scope holds. */
  async countInstances(scope: string): Promise<number> {
    if (scope === this.active.scope) return this.active.deps.store.all().length;
    const store = await ScopeStore.open(scope, this.scopeFile(scope), this.parts.log);
    return store.all().length;
  }

  /** Detaches from every VM (they keep running) once queued work has finished. */
  async close(): Promise<void> {
    await this.active.queue.drain();
    this.active.detachAll();
  }

  private assertIdle(): void {
    if (this.switching) {
      throw new BerthError(
        'BUSY',
        'A driver switch is in progress; try again when it has finished',
      );
    }
  }

  private async park(runtime: ScopeRuntime, sharedScope: boolean): Promise<void> {
    if (this.parts.ops.size > 0) {
      throw new BerthError('BUSY', 'Wait for running operations to finish before switching');
    }
    for (const { name, action } of parkingPlan(runtime, sharedScope)) {
      await runtime.queue.run(name, () =>
        this.parts.ops.run(name, `park-${action}`, undefined, async (op) => {
          if (action === 'suspend') await suspendInstance(runtime, name, op);
          else await stopInstance(runtime, name, op, { force: false, timeoutMs: 60_000 });
          await runtime.deps.store.update(name, { resumeOnReturn: true });
        }),
      );
    }
  }

  private async bringBack(runtime: ScopeRuntime): Promise<void> {
    // Memory the other driver of a shared scope saved waits for that driver (see driver-switch).
    const parked = runtime.deps.store
      .all()
      .filter((r) => r.resumeOnReturn && !r.deleted && !runtime.suspendedByOther(r.name));
    const starts = parked.map((record) =>
      runtime.queue.run(record.name, () =>
        this.parts.ops.run(record.name, 'return', undefined, (op) =>
          startInstance(runtime, record.name, op),
        ),
      ),
    );
    const results = await Promise.allSettled(starts);
    for (const [index, result] of results.entries()) {
      const name = parked[index]?.name ?? '';
      if (result.status === 'rejected') {
        this.parts.log.warn(`instance ${name}: could not be brought back after the switch`);
        await runtime.deps.store.update(name, { resumeOnReturn: false });
      }
    }
  }

  private async openRuntime(target: string): Promise<ScopeRuntime> {
    const { registry, log, bus, identity } = this.parts;
    const driverId = driverOfTarget(target);
    const scope = scopeOfTarget(target, registry.host.os);
    const driverLog = log.child(`driver.${target}`);
    const store = await ScopeStore.open(scope, this.scopeFile(scope), log.child('scopes'));
    if (store.problem) {
      bus.emit('scope.problem', { scope, file: this.scopeFile(scope), message: store.problem });
    }
    const runtime = new ScopeRuntime({
      driverId,
      driver: registry.get(target),
      probe: await registry.probe(target),
      store,
      instancesDir: join(layout.scopeDir(this.parts.dataDir, scope), 'instances'),
      bus,
      log: driverLog,
      identity,
      waitReady: this.parts.waitReady,
    });
    for (const record of store.all()) await this.reattach(runtime, record.name);
    return runtime;
  }

  /** Matches one stored instance with what its hypervisor reports now. */
  private async reattach(runtime: ScopeRuntime, name: string): Promise<void> {
    const record = runtime.deps.store.get(name);
    const observed = await runtime.attach(name).catch((error: unknown) => {
      runtime.deps.log.error(`instance ${name}: attach failed`, { error: String(error) });
      return 'stopped' as const;
    });
    if (observed === 'running' && record.state !== 'running') {
      void runtime.queue
        .run(name, () =>
          this.parts.ops.run(name, 'attach', undefined, (op) => awaitReadyAgain(runtime, name, op)),
        )
        .catch(() => undefined);
      return;
    }
    const state = observed === 'paused' ? 'unknown' : observed;
    if (record.state !== state) {
      runtime.deps.log.info(`instance ${name}: found ${state}, was recorded ${record.state}`);
    }
    await runtime.setState(name, state, state === 'running' ? {} : { ipv4: [] });
  }

  private scopeFile(scope: string): string {
    return layout.scopeFile(this.parts.dataDir, scope);
  }
}
