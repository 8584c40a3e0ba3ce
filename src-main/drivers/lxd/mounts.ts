/**
 * Native mounts: a host folder shared into the instance as an LXD disk device. Containers
 * take the device while running; LXD refuses where the instance type cannot.
 */
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { BerthError } from '../../../src-shared/errors';
import { removeDevice } from './devices';
import type { LxdClient } from './rest-client';

/** The device name of the mount at `guestPath`: stable, so the same mount is found again. */
export function mountDeviceName(guestPath: string): string {
  const digest = createHash('sha256').update(guestPath).digest('hex').slice(0, 12);
  return `berth-mount-${digest}`;
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
  const device = mountDeviceName(guestPath);
  // Known limitation: no uid shifting, so in an unprivileged container the files show as
  // nobody:nogroup; readable where the host's modes allow, writable only where world-writable.
  const devices = { [device]: { type: 'disk', source: hostPath, path: guestPath } };
  await client.run('PATCH', `/1.0/instances/${name}`, { json: { devices } });
  return device;
}

/** Removes the mount at `guestPath`; nothing to do when there is none. */
export function removeMount(client: LxdClient, name: string, guestPath: string) {
  return removeDevice(client, name, mountDeviceName(guestPath));
}
