/** Snapshots of stopped instances; names and comments live in the record, data in the driver. */
import type { SnapshotInfo } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import { instanceNameProblem } from '../../src-shared/names';
import type { DriverSnapshots } from '../drivers/driver';
import { assertAllowed } from './instance-guards';
import type { ScopeRuntime } from './scope-runtime';

function driverSnapshots(runtime: ScopeRuntime): DriverSnapshots {
  const snapshots = runtime.deps.driver.snapshots;
  if (!snapshots) {
    const driver = runtime.deps.driverId;
    throw new BerthError('UNSUPPORTED', `Snapshots are not supported by the ${driver} driver`);
  }
  return snapshots;
}

function findSnapshot(runtime: ScopeRuntime, instance: string, snapshot: string): SnapshotInfo {
  const found = runtime.deps.store.get(instance).snapshots.find((s) => s.name === snapshot);
  if (!found) throw new BerthError('NOT_FOUND', `No such snapshot: ${instance}.${snapshot}`);
  return found;
}

/** Takes a snapshot named `requested` (default `snapshotN`) of a stopped instance. */
export async function takeSnapshot(
  runtime: ScopeRuntime,
  instance: string,
  requested: string | undefined,
  comment: string,
): Promise<SnapshotInfo> {
  assertAllowed(runtime, instance, 'snapshot');
  const record = runtime.deps.store.get(instance);
  const name = requested ?? `snapshot${record.snapshotsTaken + 1}`;
  const problem = instanceNameProblem(name, 'Snapshot name');
  if (problem) throw new BerthError('INVALID_INPUT', problem);
  if (record.snapshots.some((s) => s.name === name)) {
    throw new BerthError('ALREADY_EXISTS', `Snapshot already exists: ${instance}.${name}`);
  }
  await driverSnapshots(runtime).take(runtime.entry(instance).ctx, name);
  const snapshot = { name, comment, createdAt: new Date().toISOString() };
  await runtime.setState(instance, runtime.entry(instance).state, {
    snapshots: [...record.snapshots, snapshot],
    snapshotsTaken: record.snapshotsTaken + 1,
  });
  return snapshot;
}

/** Reverts a stopped instance's disk to a snapshot. */
export async function restoreSnapshot(
  runtime: ScopeRuntime,
  instance: string,
  snapshot: string,
): Promise<void> {
  assertAllowed(runtime, instance, 'restore');
  findSnapshot(runtime, instance, snapshot);
  await driverSnapshots(runtime).restore(runtime.entry(instance).ctx, snapshot);
  runtime.deps.log.info(`instance ${instance}: restored snapshot ${snapshot}`);
}

/** Deletes a snapshot for good. */
export async function deleteSnapshot(
  runtime: ScopeRuntime,
  instance: string,
  snapshot: string,
): Promise<void> {
  assertAllowed(runtime, instance, 'deleteSnapshot');
  findSnapshot(runtime, instance, snapshot);
  await driverSnapshots(runtime).delete(runtime.entry(instance).ctx, snapshot);
  const remaining = runtime.deps.store.get(instance).snapshots.filter((s) => s.name !== snapshot);
  await runtime.setState(instance, runtime.entry(instance).state, { snapshots: remaining });
}

/** The snapshots of an instance, oldest first. */
export function listSnapshots(runtime: ScopeRuntime, instance: string): SnapshotInfo[] {
  return runtime.deps.store.get(instance).snapshots;
}
