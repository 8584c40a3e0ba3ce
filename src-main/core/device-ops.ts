/**
 * Native mounts and extra NICs of existing instances. Changes are checked first, then queued
 * behind other work on the same instance; lists read the hypervisor, which holds the truth.
 */
import { posix } from 'node:path';
import type { MountInfo, NetworkAttachment } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import type { DriverContext, DriverDevices } from '../drivers/driver';
import { assertDeviceAllowed, checkBridge, checkMount, isRemoteScope } from './device-checks';
import { assertDriverAvailable } from './instance-guards';
import type { ScopeRuntime } from './scope-runtime';

/** Runs `work` in instance `name`'s queue slot as an operation of `kind`. */
export type QueuedWork = <T>(
  name: string,
  kind: string,
  work: (runtime: ScopeRuntime) => Promise<T>,
) => Promise<T>;

/** Device operations against whichever scope is active. */
export class DeviceService {
  constructor(
    private readonly runtime: () => ScopeRuntime,
    private readonly queued: QueuedWork,
  ) {}

  listMounts(name: string): Promise<MountInfo[]> {
    return readDevices(this.runtime(), name, (devices, ctx) => devices.listMounts(ctx));
  }

  listNetworks(name: string): Promise<NetworkAttachment[]> {
    return readDevices(this.runtime(), name, (devices, ctx) => devices.listNetworks(ctx));
  }

  addMount(name: string, mount: MountInfo): Promise<MountInfo> {
    return this.queued(name, 'mount', (runtime) => addMount(runtime, name, mount));
  }

  removeMount(name: string, target: string): Promise<void> {
    return this.queued(name, 'unmount', (runtime) => removeMount(runtime, name, target));
  }

  addNetwork(name: string, bridge: string): Promise<NetworkAttachment> {
    return this.queued(name, 'network-add', (runtime) => addNetwork(runtime, name, bridge));
  }

  removeNetwork(name: string, nic: string): Promise<void> {
    return this.queued(name, 'network-remove', (runtime) => removeNetwork(runtime, name, nic));
  }
}

/** What the hypervisor holds; nothing on drivers that cannot make devices. */
async function readDevices<T>(
  runtime: ScopeRuntime,
  name: string,
  read: (devices: DriverDevices, ctx: DriverContext) => Promise<T[]>,
): Promise<T[]> {
  runtime.deps.store.get(name);
  const devices = runtime.deps.driver.devices;
  if (!devices) return [];
  assertDriverAvailable(runtime);
  return read(devices, runtime.entry(name).ctx);
}

/** Clients refetch an instance's mounts and NICs when it changes, so it is announced. */
function announce(runtime: ScopeRuntime, name: string): void {
  runtime.deps.bus.emit('instance.changed', runtime.info(name));
}

async function addMount(
  runtime: ScopeRuntime,
  name: string,
  requested: MountInfo,
): Promise<MountInfo> {
  const devices = assertDeviceAllowed(runtime, name, 'mount');
  const mount = await checkMount(requested);
  const ctx = runtime.entry(name).ctx;
  if ((await devices.listMounts(ctx)).some((m) => m.target === mount.target)) {
    throw new BerthError('ALREADY_EXISTS', `${name} already has a mount at ${mount.target}`);
  }
  const started = Date.now();
  await devices.addMount(ctx, mount);
  const ms = Date.now() - started;
  runtime.deps.log.info(`instance ${name}: mounted ${mount.source} at ${mount.target}`, { ms });
  announce(runtime, name);
  return mount;
}

async function removeMount(runtime: ScopeRuntime, name: string, target: string): Promise<void> {
  const devices = assertDeviceAllowed(runtime, name, 'mount');
  if (!posix.isAbsolute(target)) {
    throw new BerthError('INVALID_INPUT', `Mount target "${target}" must be an absolute path`);
  }
  const normalized = posix.resolve(target);
  const ctx = runtime.entry(name).ctx;
  if (!(await devices.listMounts(ctx)).some((m) => m.target === normalized)) {
    throw new BerthError('NOT_FOUND', `${name} has no mount at ${normalized}`);
  }
  await devices.removeMount(ctx, normalized);
  runtime.deps.log.info(`instance ${name}: unmounted ${normalized}`);
  announce(runtime, name);
}

async function addNetwork(
  runtime: ScopeRuntime,
  name: string,
  bridge: string,
): Promise<NetworkAttachment> {
  const devices = assertDeviceAllowed(runtime, name, 'network');
  await checkBridge(bridge, isRemoteScope(runtime));
  const started = Date.now();
  const added = await devices.addNetwork(runtime.entry(name).ctx, bridge);
  const ms = Date.now() - started;
  runtime.deps.log.info(`instance ${name}: NIC ${added.nic} added on ${bridge}`, { ms });
  announce(runtime, name);
  return added;
}

async function removeNetwork(runtime: ScopeRuntime, name: string, nic: string): Promise<void> {
  const devices = assertDeviceAllowed(runtime, name, 'network');
  const ctx = runtime.entry(name).ctx;
  if (!(await devices.listNetworks(ctx)).some((n) => n.nic === nic)) {
    throw new BerthError('NOT_FOUND', `${name} has no extra NIC called ${nic}`);
  }
  await devices.removeNetwork(ctx, nic);
  runtime.deps.log.info(`instance ${name}: NIC ${nic} removed`);
  announce(runtime, name);
}
