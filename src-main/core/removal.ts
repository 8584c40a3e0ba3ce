/** Soft delete, recover and purge, with Multipass's semantics. */
import { rm } from 'node:fs/promises';
import type { InstanceInfo } from '../../src-shared/api';
import { assertAllowed } from './instance-guards';
import { powerOff, STOP_TIMEOUT_MS } from './lifecycle';
import type { Operation } from './operations';
import type { ScopeRuntime } from './scope-runtime';

/** Marks an instance deleted after powering it off; suspended ones keep their saved memory. */
export async function deleteInstance(
  runtime: ScopeRuntime,
  name: string,
  op: Operation,
): Promise<InstanceInfo> {
  assertAllowed(runtime, name, 'delete');
  const entry = runtime.entry(name);
  if (entry.vmUp) await powerOff(runtime, name, op, { force: false, timeoutMs: STOP_TIMEOUT_MS });
  const state = entry.state === 'suspended' ? 'suspended' : 'stopped';
  return runtime.setState(name, state, { deleted: true, ipv4: [], resumeOnReturn: false });
}

/** Brings a deleted instance back in the state it was deleted in. */
export async function recoverInstance(runtime: ScopeRuntime, name: string): Promise<InstanceInfo> {
  assertAllowed(runtime, name, 'recover');
  return runtime.setState(name, runtime.entry(name).state, { deleted: false });
}

/** Removes an instance for good: VM, hypervisor files, folder and record. */
export async function purgeInstance(runtime: ScopeRuntime, name: string): Promise<void> {
  const { driver, store, bus, log, probe } = runtime.deps;
  const entry = runtime.entry(name);
  if (probe.available) {
    if (entry.vmUp || entry.state === 'suspended') await driver.kill(entry.ctx);
    await driver.destroy(entry.ctx);
  }
  runtime.forget(name);
  await rm(runtime.instanceDir(name), { recursive: true, force: true });
  await store.remove(name);
  log.info(`instance ${name}: purged`);
  bus.emit('instance.removed', { scope: runtime.scope, name });
}
