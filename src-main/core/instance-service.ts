/**
 * The instance API: each call is checked, queued behind earlier work on the same instance,
 * tracked as an operation (progress, cancel), and run against the active scope.
 */
import type { ApiRequest, InstanceInfo, SnapshotInfo } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import { DeviceService } from './device-ops';
import { readTail } from './instance-guards';
import { planLaunch, runLaunch } from './launch';
import {
  READY_TIMEOUT_MS,
  restartInstance,
  STOP_TIMEOUT_MS,
  startInstance,
  stopInstance,
  suspendInstance,
} from './lifecycle';
import type { Operation, OperationRegistry } from './operations';
import { generateName } from './petname';
import { deleteInstance, purgeInstance, recoverInstance } from './removal';
import type { ScopeRuntime } from './scope-runtime';
import { deleteSnapshot, listSnapshots, restoreSnapshot, takeSnapshot } from './snapshot-ops';

type Work<T> = (runtime: ScopeRuntime, op: Operation) => Promise<T>;

/** Instance operations against whichever scope is active. */
export class InstanceService {
  /** Native mounts and extra NICs, queued and tracked like the other operations. */
  readonly devices: DeviceService;

  constructor(
    private readonly runtime: () => ScopeRuntime,
    private readonly ops: OperationRegistry,
    /** Throws BUSY while a driver switch is in progress. */
    private readonly assertNotSwitching: () => void,
  ) {
    this.devices = new DeviceService(runtime, (name, kind, work) =>
      this.run(name, kind, undefined, (rt) => work(rt)),
    );
  }

  list(includeDeleted: boolean): InstanceInfo[] {
    return this.runtime().list(includeDeleted);
  }

  info(name: string): InstanceInfo {
    return this.runtime().info(name);
  }

  /** A generated name no instance of the scope has, deleted ones included. */
  suggestName(): string {
    const store = this.runtime().deps.store;
    return generateName((n) => store.find(n) !== null);
  }

  async launch(request: ApiRequest<'instances.launch'>): Promise<InstanceInfo> {
    this.assertNotSwitching();
    const runtime = this.runtime();
    const plan = await planLaunch(runtime, request);
    const name = plan.record.name;
    return runtime.queue.run(name, () => {
      // Another launch of the same name may have won the race while this one waited.
      if (runtime.deps.store.find(name)) {
        throw new BerthError('ALREADY_EXISTS', `Instance "${name}" already exists`);
      }
      return this.ops.run(name, 'launch', request.operationId, (op) =>
        runLaunch(runtime, plan, op),
      );
    });
  }

  start(request: ApiRequest<'instances.start'>): Promise<InstanceInfo> {
    const timeoutMs = (request.timeoutSec ?? READY_TIMEOUT_MS / 1000) * 1000;
    return this.run(request.name, 'start', request.operationId, (rt, op) =>
      startInstance(rt, request.name, op, timeoutMs),
    );
  }

  stop(request: ApiRequest<'instances.stop'>): Promise<InstanceInfo> {
    const force = request.force ?? false;
    const timeoutMs = (request.timeoutSec ?? STOP_TIMEOUT_MS / 1000) * 1000;
    if (force) this.ops.cancelForInstance(request.name, ['start', 'restart']);
    return this.run(request.name, 'stop', request.operationId, (rt, op) =>
      stopInstance(rt, request.name, op, { force, timeoutMs }),
    );
  }

  suspend(request: ApiRequest<'instances.suspend'>): Promise<InstanceInfo> {
    return this.run(request.name, 'suspend', request.operationId, (rt, op) =>
      suspendInstance(rt, request.name, op),
    );
  }

  restart(request: ApiRequest<'instances.restart'>): Promise<InstanceInfo> {
    return this.run(request.name, 'restart', request.operationId, (rt, op) =>
      restartInstance(rt, request.name, op),
    );
  }

  async delete(name: string, purge: boolean): Promise<void> {
    this.ops.cancelForInstance(name, ['start', 'launch']);
    await this.run(name, purge ? 'purge' : 'delete', undefined, async (rt, op) => {
      if (purge) return purgeInstance(rt, name);
      await deleteInstance(rt, name, op);
    });
  }

  recover(name: string): Promise<InstanceInfo> {
    return this.run(name, 'recover', undefined, (rt) => recoverInstance(rt, name));
  }

  /** Purges one deleted instance, or every deleted one; returns the names purged. */
  async purge(name: string | undefined): Promise<string[]> {
    const records = this.runtime().deps.store.all();
    const targets = name ? [name] : records.filter((r) => r.deleted).map((r) => r.name);
    for (const target of targets) {
      const record = this.runtime().deps.store.get(target);
      if (!record.deleted) {
        throw new BerthError('INVALID_STATE', `${target}: only deleted instances can be purged`);
      }
    }
    for (const target of targets) {
      await this.run(target, 'purge', undefined, (rt) => purgeInstance(rt, target));
    }
    return targets;
  }

  async console(name: string, maxBytes: number): Promise<{ path: string; text: string }> {
    const runtime = this.runtime();
    const path = runtime.deps.driver.consoleLogPath(runtime.entry(name).ctx);
    const text = path ? await readTail(path, maxBytes).catch(() => '') : '';
    return { path, text };
  }

  takeSnapshot(request: ApiRequest<'snapshots.take'>): Promise<SnapshotInfo> {
    return this.run(request.instance, 'snapshot', undefined, (rt) =>
      takeSnapshot(rt, request.instance, request.snapshot, request.comment ?? ''),
    );
  }

  restoreSnapshot(instance: string, snapshot: string): Promise<void> {
    return this.run(instance, 'restore', undefined, (rt) =>
      restoreSnapshot(rt, instance, snapshot),
    );
  }

  deleteSnapshot(instance: string, snapshot: string): Promise<void> {
    return this.run(instance, 'delete-snapshot', undefined, (rt) =>
      deleteSnapshot(rt, instance, snapshot),
    );
  }

  listSnapshots(instance: string): SnapshotInfo[] {
    return listSnapshots(this.runtime(), instance);
  }

  private run<T>(name: string, kind: string, operationId: string | undefined, work: Work<T>) {
    this.assertNotSwitching();
    const runtime = this.runtime();
    runtime.deps.store.get(name);
    return runtime.queue.run(name, () =>
      this.ops.run(name, kind, operationId, (op) => work(runtime, op)),
    );
  }
}
