/** Berth's own timings on the same guest: launch to running, and start to running. */
import type { TinyGuest } from '../e2e/support/guests';
import type { Core } from '../src-main/core/core';
import { fromErrorEnvelope } from '../src-shared/errors';
import { since } from './stats';

async function call(core: Core, method: string, params: unknown): Promise<unknown> {
  const outcome = await core.dispatcher.dispatch(method, params);
  if (!outcome.ok) throw fromErrorEnvelope(outcome.error);
  return outcome.result;
}

/** Launches `name` and returns milliseconds until it is running (SSH answered). */
export async function launchToRunning(
  core: Core,
  guest: TinyGuest,
  name: string,
  memoryMiB: number,
): Promise<number> {
  const started = performance.now();
  await call(core, 'instances.launch', {
    name,
    image: guest.disk,
    kernel: guest.kernel,
    initrd: guest.initrd,
    cmdline: guest.cmdline,
    memoryBytes: memoryMiB * 1024 ** 2,
  });
  return since(started);
}

/** Stops `name`, then returns milliseconds from start request to running. */
export async function startToRunning(core: Core, name: string): Promise<number> {
  await call(core, 'instances.stop', { name, force: true });
  const started = performance.now();
  await call(core, 'instances.start', { name });
  return since(started);
}

/** Removes `name` for good. */
export async function purge(core: Core, name: string): Promise<void> {
  await call(core, 'instances.delete', { name, purge: true });
}

/** Calls `instances.list` in-process and returns milliseconds. */
export async function timeList(core: Core): Promise<number> {
  const started = performance.now();
  await call(core, 'instances.list', {});
  return since(started);
}
