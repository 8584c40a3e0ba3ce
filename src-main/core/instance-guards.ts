/** Checks run before any side effect: the instance exists, the driver can, the state allows. */
import { open, stat } from 'node:fs/promises';
import { hasCapability } from '../../src-shared/capabilities';
import { DRIVER_LABELS } from '../../src-shared/drivers';
import { BerthError } from '../../src-shared/errors';
import { actionBlockReason, type InstanceAction } from '../../src-shared/predicates';
import type { ScopeRuntime } from './scope-runtime';

const CAPABILITY_OF: Partial<Record<InstanceAction, 'suspend' | 'snapshots'>> = {
  suspend: 'suspend',
  snapshot: 'snapshots',
  restore: 'snapshots',
  deleteSnapshot: 'snapshots',
};

/** Throws UNSUPPORTED, INVALID_STATE or DRIVER_UNAVAILABLE unless `action` may run now. */
export function assertAllowed(runtime: ScopeRuntime, name: string, action: InstanceAction): void {
  const record = runtime.deps.store.get(name);
  const entry = runtime.entry(name);
  const reason = actionBlockReason(
    action,
    { state: entry.state, deleted: record.deleted },
    runtime.deps.driverId,
  );
  if (reason) {
    const capability = CAPABILITY_OF[action];
    const unsupported = capability && !hasCapability(runtime.deps.driverId, capability);
    throw new BerthError(unsupported ? 'UNSUPPORTED' : 'INVALID_STATE', `${name}: ${reason}`);
  }
  assertNotHeldByOtherDriver(runtime, name, action);
  assertDriverAvailable(runtime);
}

const NEEDS_OWN_SAVE: readonly InstanceAction[] = ['start', 'stop', 'restart', 'suspend'];

/** Refuses to touch memory another driver of the shared scope saved (it alone can resume it). */
function assertNotHeldByOtherDriver(
  runtime: ScopeRuntime,
  name: string,
  action: InstanceAction,
): void {
  const owner = runtime.suspendedByOther(name);
  if (!owner || !NEEDS_OWN_SAVE.includes(action)) return;
  throw new BerthError(
    'INVALID_STATE',
    `${name} was suspended by the ${DRIVER_LABELS[owner]} driver, which alone can resume its ` +
      `saved memory: switch back with \`berth set local.driver=${owner}\` first`,
  );
}

/** Throws DRIVER_UNAVAILABLE with the probe's reason and fix when the driver cannot run. */
export function assertDriverAvailable(runtime: ScopeRuntime): void {
  const { probe, driverId } = runtime.deps;
  if (probe.available) return;
  const fix = probe.fix ? ` ${probe.fix}` : '';
  throw new BerthError(
    'DRIVER_UNAVAILABLE',
    `The ${driverId} driver cannot run: ${probe.reason}.${fix}`,
  );
}

/** The last `lines` lines of the instance's serial console, for error details. */
export async function consoleTail(
  runtime: ScopeRuntime,
  name: string,
  lines = 15,
): Promise<string[]> {
  const path = runtime.deps.driver.consoleLogPath(runtime.entry(name).ctx);
  if (!path) return [];
  const text = await readTail(path, 16_384).catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-lines);
}

/** Reads at most the last `maxBytes` bytes of a file as text. */
export async function readTail(path: string, maxBytes: number): Promise<string> {
  const size = (await stat(path)).size;
  const start = Math.max(0, size - maxBytes);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
