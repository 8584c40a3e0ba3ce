/**
 * Checks for native mounts and extra NICs, run before any side effect: the shared predicate
 * (capability, then state), then the paths and bridges themselves on this computer.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, posix, resolve } from 'node:path';
import type { MountInfo } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import {
  type ActionSubject,
  type DeviceAction,
  deviceBlockReason,
} from '../../src-shared/predicates';
import { parseTarget } from '../../src-shared/targets';
import type { DriverDevices } from '../drivers/driver';
import { assertDriverAvailable } from './instance-guards';
import type { ScopeRuntime } from './scope-runtime';

/** A subject no state rule refuses, so a reason for it is about the driver, not the state. */
const SETTLED: ActionSubject = { state: 'stopped', deleted: false };

/** Linux interface names: 1-15 characters, no slash or whitespace; "." and ".." excluded. */
const INTERFACE_NAME = /^(?!\.{1,2}$)[A-Za-z0-9_.-]{1,15}$/;

/**
 * True when the runtime's scope is a remote server's: a remote target's scope is the target
 * itself ("lxd@lab"), while this computer's scopes are plain driver scopes.
 */
export function isRemoteScope(runtime: ScopeRuntime): boolean {
  return (parseTarget(runtime.scope)?.remote ?? null) !== null;
}

/**
 * The driver's devices hook when `action` may change instance `name` now (or a new instance,
 * when `name` is null). Throws UNSUPPORTED for what the driver or target cannot do,
 * INVALID_STATE for what the instance's state forbids, DRIVER_UNAVAILABLE when it cannot run.
 */
export function assertDeviceAllowed(
  runtime: ScopeRuntime,
  name: string | null,
  action: DeviceAction,
): DriverDevices {
  const { driverId, driver, store } = runtime.deps;
  const remote = isRemoteScope(runtime);
  const prefix = name === null ? '' : `${name}: `;
  const unsupported = deviceBlockReason(action, SETTLED, driverId, remote);
  if (unsupported) throw new BerthError('UNSUPPORTED', `${prefix}${unsupported}`);
  if (!driver.devices) {
    const what = action === 'mount' ? 'Native mounts' : 'Extra networks';
    throw new BerthError('UNSUPPORTED', `${prefix}${what} are not in this build of the driver`);
  }
  if (name !== null) {
    const subject = { state: runtime.entry(name).state, deleted: store.get(name).deleted };
    const reason = deviceBlockReason(action, subject, driverId, remote);
    if (reason) throw new BerthError('INVALID_STATE', `${prefix}${reason}`);
  }
  assertDriverAvailable(runtime);
  return driver.devices;
}

function invalid(message: string): never {
  throw new BerthError('INVALID_INPUT', message);
}

/** True when `text` holds a control character (a newline, NUL, ...). */
function hasControl(text: string): boolean {
  return [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

/** A mount with both paths absolute and normalized, its source a folder on this computer. */
export async function checkMount(mount: MountInfo): Promise<MountInfo> {
  if (hasControl(mount.source) || hasControl(mount.target)) {
    invalid('Mount paths cannot contain control characters');
  }
  if (!isAbsolute(mount.source)) invalid(`Mount source "${mount.source}" must be absolute`);
  if (!posix.isAbsolute(mount.target)) {
    invalid(`Mount target "${mount.target}" must be an absolute path in the guest`);
  }
  const source = resolve(mount.source);
  const target = posix.resolve(mount.target);
  if (target === '/') invalid("A mount cannot cover the guest's root folder");
  const info = await stat(source).catch(() => null);
  if (!info?.isDirectory()) invalid(`Mount source "${source}" is not a folder on this computer`);
  return { source, target };
}

/** Checks mounts asked for together: each one, and no guest path twice. */
export async function checkMounts(mounts: readonly MountInfo[]): Promise<MountInfo[]> {
  const checked: MountInfo[] = [];
  for (const mount of mounts) checked.push(await checkMount(mount));
  const targets = checked.map((m) => m.target);
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  if (twice) invalid(`Two mounts cannot share the guest path ${twice}`);
  return checked;
}

/**
 * Checks a bridge name and, for this computer's hypervisor, that the bridge exists here. A
 * remote server's bridges are on the server, which checks them itself.
 */
export async function checkBridge(bridge: string, remote: boolean): Promise<void> {
  if (!INTERFACE_NAME.test(bridge)) invalid(`"${bridge}" is not a network interface name`);
  if (remote) return;
  const exists = await stat(`/sys/class/net/${bridge}`).catch(() => null);
  if (!exists) invalid(`There is no bridge "${bridge}" on this computer`);
  const isBridge = await stat(`/sys/class/net/${bridge}/bridge`).catch(() => null);
  if (!isBridge?.isDirectory()) {
    invalid(`"${bridge}" is a network interface but not a bridge; NICs attach to bridges`);
  }
}
