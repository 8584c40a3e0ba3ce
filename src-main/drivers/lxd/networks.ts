/**
 * Extra networks: another NIC on a host bridge, as an LXD `nic` device of type `bridged`.
 * Containers take it while running; the guest names it ethN in the order it was added.
 */
import { BerthError } from '../../../src-shared/errors';
import { removeDevice } from './devices';
import type { LxdClient } from './rest-client';
import { instanceSchema } from './schemas';

/** Linux interface names: at most 15 characters, no slash or whitespace. */
const BRIDGE_NAME = /^[A-Za-z0-9_.-]{1,15}$/;

/** Adds a NIC bridged to host bridge `bridge`; returns the guest's name for it. */
export async function addBridgedNic(
  client: LxdClient,
  name: string,
  bridge: string,
): Promise<string> {
  if (!BRIDGE_NAME.test(bridge)) {
    throw new BerthError('INVALID_INPUT', `"${bridge}" is not a network interface name`);
  }
  const instance = await client.get(`/1.0/instances/${name}`, instanceSchema);
  const used = new Set(Object.values(instance.devices).map((d) => d.name));
  let index = 1;
  while (used.has(`eth${index}`)) index += 1;
  const nic = `eth${index}`;
  const devices = {
    [`berth-${nic}`]: { type: 'nic', nictype: 'bridged', parent: bridge, name: nic },
  };
  await client.run('PATCH', `/1.0/instances/${name}`, { json: { devices } });
  return nic;
}

/** Removes the extra NIC the guest calls `nic`; nothing to do when there is none. */
export function removeBridgedNic(client: LxdClient, name: string, nic: string) {
  return removeDevice(client, name, `berth-${nic}`);
}
