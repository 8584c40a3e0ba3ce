/**
 * Start, stop, suspend and restart of one instance. Callers hold the instance's queue slot,
 * so these run one at a time per instance; each checks state and capability first.
 */
import type { InstanceInfo } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import { assertAllowed, consoleTail } from './instance-guards';
import type { Operation } from './operations';
import type { ScopeRuntime } from './scope-runtime';

/** Default wait for SSH after a boot, as Multipass does per phase. */
export const READY_TIMEOUT_MS = 300_000;
/** Default wait for a guest to power off before it is forced. */
export const STOP_TIMEOUT_MS = 60_000;

/** Boots (or resumes) the VM and waits until it answers SSH. */
export async function bootToReady(
  runtime: ScopeRuntime,
  name: string,
  op: Operation,
  timeoutMs: number,
): Promise<InstanceInfo> {
  const entry = runtime.entry(name);
  const resuming = entry.state === 'suspended';
  await runtime.setState(name, 'starting', { lastError: null });
  op.progress('booting', resuming ? `Resuming ${name}` : `Booting ${name}`);
  try {
    await runtime.deps.driver.start(entry.ctx, op.signal);
    entry.vmUp = true;
    return await reachSsh(runtime, name, op, timeoutMs, resuming);
  } catch (error) {
    await settleAfterFailure(runtime, name, resuming, error);
    throw error;
  }
}

/** Waits for SSH on a VM that runs, then records it as running with its addresses. */
async function reachSsh(
  runtime: ScopeRuntime,
  name: string,
  op: Operation,
  timeoutMs: number,
  fixClock: boolean,
): Promise<InstanceInfo> {
  const { driver, store, identity, log, waitReady } = runtime.deps;
  const entry = runtime.entry(name);
  const endpoint = await driver.sshEndpoint(entry.ctx);
  // The wait ends early when the VM exits: no point waiting for SSH from a dead guest.
  const signal = AbortSignal.any([op.signal, entry.vmGone.signal]);
  let ready: Promise<string[]>;
  if (driver.readiness) {
    // The driver's own check (e.g. LXD exec); SSH, if the image has it, is then a bonus.
    op.progress('waiting-for-guest', `Waiting for ${name} to accept commands`);
    ready = driver.readiness.waitReady(entry.ctx, timeoutMs, signal);
  } else {
    if (!endpoint) throw new BerthError('HYPERVISOR_ERROR', `${name} has no SSH endpoint`);
    op.progress('waiting-for-ssh', `Waiting for ${name} to answer SSH`);
    const user = store.get(name).sshUser;
    ready = waitReady({ endpoint, user, identity, timeoutMs, signal, fixClock, log });
  }
  const fromGuest = await ready.catch(async (error: unknown) => {
    throw await explainBootFailure(runtime, name, error);
  });
  const fromHypervisor = (await driver.addresses?.(entry.ctx).catch(() => [])) ?? [];
  const ipv4 = [...new Set([...fromGuest, ...fromHypervisor])];
  runtime.setSsh(name, endpoint);
  return runtime.setState(name, 'running', { ipv4, resumeOnReturn: false });
}

/** Adds the console's last lines to a failed boot, and names a VM that died as such. */
async function explainBootFailure(
  runtime: ScopeRuntime,
  name: string,
  error: unknown,
): Promise<unknown> {
  if (!(error instanceof BerthError)) return error;
  const entry = runtime.entry(name);
  const died = !entry.vmUp && error.code === 'CANCELLED';
  if (!died && error.code !== 'TIMEOUT') return error;
  const details = await consoleTail(runtime, name);
  if (died) return new BerthError('HYPERVISOR_ERROR', `${name} exited while booting`, details);
  return new BerthError('TIMEOUT', `${name}: ${error.message}`, details);
}

async function settleAfterFailure(
  runtime: ScopeRuntime,
  name: string,
  resuming: boolean,
  error: unknown,
): Promise<void> {
  const entry = runtime.entry(name);
  const message = error instanceof Error ? error.message : String(error);
  let state: 'unknown' | 'suspended' | 'stopped' = 'stopped';
  if (entry.vmUp) state = 'unknown';
  // A failed resume may leave the saved memory in place; ask the driver rather than guess.
  else if (resuming && (await runtime.attach(name)) === 'suspended') state = 'suspended';
  runtime.deps.log.warn(`instance ${name}: start failed`, { message, state });
  await runtime.setState(name, state, { lastError: message });
}

/** Starts a stopped or suspended instance; a running one is left as it is. */
export async function startInstance(
  runtime: ScopeRuntime,
  name: string,
  op: Operation,
  timeoutMs = READY_TIMEOUT_MS,
): Promise<InstanceInfo> {
  if (runtime.entry(name).state === 'running' && !runtime.deps.store.get(name).deleted) {
    return runtime.info(name);
  }
  assertAllowed(runtime, name, 'start');
  return bootToReady(runtime, name, op, timeoutMs);
}

/** How to stop. */
export interface StopOptions {
  force: boolean;
  timeoutMs: number;
}

/** Powers the guest off (ACPI, then forced after the timeout); `force` kills at once. */
export async function stopInstance(
  runtime: ScopeRuntime,
  name: string,
  op: Operation,
  options: StopOptions,
): Promise<InstanceInfo> {
  const entry = runtime.entry(name);
  if (entry.state === 'stopped' && !runtime.deps.store.get(name).deleted) return runtime.info(name);
  assertAllowed(runtime, name, 'stop');
  if (entry.state === 'suspended' && !options.force) {
    const message = `Cannot stop suspended instance ${name}: that discards its saved memory.`;
    throw new BerthError('INVALID_STATE', `${message} Use force to stop it anyway`);
  }
  await powerOff(runtime, name, op, options);
  return runtime.setState(name, 'stopped', { ipv4: [], resumeOnReturn: false });
}

/** Ends the VM gracefully or by force; the caller records the new state. */
export async function powerOff(
  runtime: ScopeRuntime,
  name: string,
  op: Operation,
  options: StopOptions,
): Promise<void> {
  const { driver, log } = runtime.deps;
  const entry = runtime.entry(name);
  if (!options.force && entry.vmUp) {
    op.progress('shutting-down', `Asking ${name} to power off`);
    const exited = await driver.shutdown(entry.ctx, options.timeoutMs, op.signal);
    if (exited) {
      entry.vmUp = false;
      return;
    }
    log.warn(`instance ${name}: no power-off within ${options.timeoutMs} ms; forcing it`);
  }
  op.progress('killing', `Forcing ${name} off`);
  await driver.kill(entry.ctx);
  entry.vmUp = false;
}

/** Saves the running VM's memory and stops it. */
export async function suspendInstance(
  runtime: ScopeRuntime,
  name: string,
  op: Operation,
): Promise<InstanceInfo> {
  const entry = runtime.entry(name);
  if (entry.state === 'suspended') return runtime.info(name);
  assertAllowed(runtime, name, 'suspend');
  await runtime.setState(name, 'suspending');
  op.progress('saving-memory', `Saving the memory of ${name}`);
  try {
    await runtime.deps.driver.suspend(entry.ctx, op.signal);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await runtime.setState(name, entry.vmUp ? 'running' : 'stopped', { lastError: message });
    throw error;
  }
  entry.vmUp = false;
  return runtime.setState(name, 'suspended', { ipv4: [], suspendedBy: runtime.deps.driverId });
}

/** Powers the guest off and boots it again, waiting for SSH. */
export async function restartInstance(
  runtime: ScopeRuntime,
  name: string,
  op: Operation,
): Promise<InstanceInfo> {
  assertAllowed(runtime, name, 'restart');
  await runtime.setState(name, 'restarting');
  await powerOff(runtime, name, op, { force: false, timeoutMs: STOP_TIMEOUT_MS });
  await runtime.setState(name, 'stopped', { ipv4: [] });
  return bootToReady(runtime, name, op, READY_TIMEOUT_MS);
}

/** For a VM found running after Berth restarted mid-boot: waits for SSH again. */
export async function awaitReadyAgain(
  runtime: ScopeRuntime,
  name: string,
  op: Operation,
): Promise<InstanceInfo> {
  await runtime.setState(name, 'starting');
  try {
    return await reachSsh(runtime, name, op, READY_TIMEOUT_MS, false);
  } catch (error) {
    await settleAfterFailure(runtime, name, false, error);
    throw error;
  }
}
