/**
 * Native mounts: a host folder shared into the instance as an LXD disk device. Containers
 * take the device while running; LXD refuses where the instance type cannot.
 */
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import type { MountInfo } from '../../../src-shared/api';
import { BerthError } from '../../../src-shared/errors';
import { removeDevice } from './devices';
import type { LxdClient } from './rest-client';
import { instanceSchema } from './schemas';

/** One LXD device's configuration. */
type LxdDevice = Record<string, string>;

/** The prefix of every mount device Berth adds; other disk devices are not Berth's. */
const MOUNT_DEVICE_PREFIX = 'berth-mount-';

/** The device name of the mount at `guestPath`: stable, so the same mount is found again. */
export function mountDeviceName(guestPath: string): string {
  const digest = createHash('sha256').update(guestPath).digest('hex').slice(0, 12);
  return `${MOUNT_DEVICE_PREFIX}${digest}`;
}

/** The LXD devices for `mounts`, by device name (for a PATCH or a creation request). */
export function mountDevices(mounts: readonly MountInfo[]): Record<string, LxdDevice> {
  // Known limitation: no uid shifting, so in an unprivileged container the files show as
  // nobody:nogroup; readable where the host's modes allow, writable only where world-writable.
  const entries = mounts.map((m) => [
    mountDeviceName(m.target),
    { type: 'disk', source: m.source, path: m.target },
  ]);
  return Object.fromEntries(entries);
}

/** Berth's mounts among an instance's devices, by guest path. */
export function mountsOf(devices: Record<string, LxdDevice>): MountInfo[] {
  const mounts: MountInfo[] = [];
  for (const [device, config] of Object.entries(devices)) {
    if (!device.startsWith(MOUNT_DEVICE_PREFIX) || config.type !== 'disk') continue;
    if (config.source && config.path) mounts.push({ source: config.source, target: config.path });
  }
  return mounts.sort((a, b) => a.target.localeCompare(b.target));
}

/** The mounts instance `name` has now, as LXD holds them; none while LXD has no instance. */
export async function listMounts(client: LxdClient, name: string): Promise<MountInfo[]> {
  const instance = await client.find(`/1.0/instances/${name}`, instanceSchema);
  return instance ? mountsOf(instance.devices) : [];
}

/** Shares host folder `hostPath` at `guestPath`; returns the device name. */
export async function addMount(
  client: LxdClient,
  name: string,
  hostPath: string,
  guestPath: string,
): Promise<string> {
  if (!isAbsolute(hostPath) || !isAbsolute(guestPath)) {
    throw new BerthError('INVALID_INPUT', 'Mount paths must be absolute');
  }
  const devices = mountDevices([{ source: hostPath, target: guestPath }]);
  await client.run('PATCH', `/1.0/instances/${name}`, { json: { devices } });
  return mountDeviceName(guestPath);
}

/** Removes the mount at `guestPath`; nothing to do when there is none. */
export function removeMount(client: LxdClient, name: string, guestPath: string) {
  return removeDevice(client, name, mountDeviceName(guestPath));
}
