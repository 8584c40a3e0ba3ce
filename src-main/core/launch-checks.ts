/**
 * What a launch asks of the driver, checked before any side effect: the instance type, an
 * image alias, and the mounts and NICs to create the instance with.
 */
import type { ApiRequest } from '../../src-shared/api';
import { DRIVER_LABELS } from '../../src-shared/drivers';
import { BerthError } from '../../src-shared/errors';
import type { InstanceType, LaunchSource, RemoteImage } from '../drivers/driver';
import { assertDeviceAllowed, checkBridge, checkMounts, isRemoteScope } from './device-checks';
import { parseImageAlias } from './image-alias';
import type { ScopeRuntime } from './scope-runtime';

const TYPE_WORDS: Readonly<Record<InstanceType, string>> = {
  container: 'system container',
  'virtual-machine': 'virtual machine',
};

/** Throws UNSUPPORTED, with the probe's reason, unless the driver can make `type` here. */
export function checkInstanceType(runtime: ScopeRuntime, type: InstanceType | undefined): void {
  if (type === undefined) return;
  const { probe, driverId } = runtime.deps;
  const label = DRIVER_LABELS[driverId];
  // A driver whose probe names no types makes virtual machines only.
  if (!probe.instanceTypes) {
    if (type === 'virtual-machine') return;
    const message = `${label} runs virtual machines only; system containers need the LXD driver`;
    throw new BerthError('UNSUPPORTED', message);
  }
  if (probe.instanceTypes.includes(type)) return;
  const offered = probe.instanceTypes.map((t) => `${TYPE_WORDS[t]}s`).join(' and ');
  const why = probe.warnings.length > 0 ? probe.warnings.join('; ') : `it offers ${offered}`;
  throw new BerthError('UNSUPPORTED', `${label} cannot launch a ${TYPE_WORDS[type]} here: ${why}`);
}

/** The remote image `image` names, when it is an alias; refused on drivers that cannot. */
export function checkImageAlias(runtime: ScopeRuntime, image: string): RemoteImage | null {
  const remote = parseImageAlias(image);
  if (!remote || runtime.deps.driver.imageAliases) return remote;
  const label = DRIVER_LABELS[runtime.deps.driverId];
  throw new BerthError(
    'UNSUPPORTED',
    `Download by alias ("${image}") is not in this build yet for ${label}; ` +
      'give a local image file instead',
  );
}

/** The launch's mounts and NICs, checked as the same changes on a running instance are. */
export async function checkLaunchDevices(
  runtime: ScopeRuntime,
  request: ApiRequest<'instances.launch'>,
): Promise<Pick<LaunchSource, 'mounts' | 'networks'>> {
  const devices: Pick<LaunchSource, 'mounts' | 'networks'> = {};
  if (request.mounts && request.mounts.length > 0) {
    assertDeviceAllowed(runtime, null, 'mount');
    devices.mounts = await checkMounts(request.mounts);
  }
  if (request.networks && request.networks.length > 0) {
    assertDeviceAllowed(runtime, null, 'network');
    const remote = isRemoteScope(runtime);
    for (const { bridge } of request.networks) await checkBridge(bridge, remote);
    devices.networks = request.networks.map(({ bridge }) => ({ bridge }));
  }
  return devices;
}
