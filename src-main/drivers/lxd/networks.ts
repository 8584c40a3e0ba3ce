/**
 * Extra networks: another NIC on a host bridge, as an LXD `nic` device of type `bridged`.
 * Containers take it while running; the guest names it ethN in the order it was added.
 */
import type { NetworkAttachment } from '../../../src-shared/api';
import { BerthError } from '../../../src-shared/errors';
import { removeDevice } from './devices';
import type { LxdClient } from './rest-client';
import { instanceSchema } from './schemas';

/** Linux interface names: at most 15 characters, no slash or whitespace. */
const BRIDGE_NAME = /^[A-Za-z0-9_.-]{1,15}$/;

/** The device name of the extra NIC the guest calls `nic` ("berth-eth1"). */
export function nicDeviceName(nic: string): string {
  return `berth-${nic}`;
}

/** The LXD device of a NIC named `nic` in the guest, on host bridge `bridge`. */
function nicDevice(nic: string, bridge: string): Record<string, string> {
  if (!BRIDGE_NAME.test(bridge)) {
    throw new BerthError('INVALID_INPUT', `"${bridge}" is not a network interface name`);
  }
  return { type: 'nic', nictype: 'bridged', parent: bridge, name: nic };
}

/**
 * The LXD devices for NICs on `bridges`, named from eth1 on (eth0 is the instance's own NIC),
 * for a creation request.
 */
export function nicDevices(
  bridges: readonly { bridge: string }[],
): Record<string, Record<string, string>> {
  const entries = bridges.map(({ bridge }, index) => {
    const nic = `eth${index + 1}`;
    return [nicDeviceName(nic), nicDevice(nic, bridge)];
  });
  return Object.fromEntries(entries);
}

/** The NICs Berth added among an instance's devices, by guest name. */
export function nicsOf(devices: Record<string, Record<string, string>>): NetworkAttachment[] {
  const nics: NetworkAttachment[] = [];
  for (const [device, config] of Object.entries(devices)) {
    const { type, nictype, parent, name } = config;
    if (type !== 'nic' || nictype !== 'bridged' || !parent || !name) continue;
    if (device === nicDeviceName(name)) nics.push({ bridge: parent, nic: name });
  }
  return nics.sort((a, b) => a.nic.localeCompare(b.nic, 'en', { numeric: true }));
}

/** The extra NICs instance `name` has now, as LXD holds them; none while LXD has none. */
export async function listBridgedNics(
  client: LxdClient,
  name: string,
): Promise<NetworkAttachment[]> {
  const instance = await client.find(`/1.0/instances/${name}`, instanceSchema);
  return instance ? nicsOf(instance.devices) : [];
}

/** Adds a NIC bridged to host bridge `bridge`; returns the guest's name for it. */
export async function addBridgedNic(
  client: LxdClient,
  name: string,
  bridge: string,
): Promise<string> {
  const instance = await client.get(`/1.0/instances/${name}`, instanceSchema);
  const used = new Set(Object.values(instance.devices).map((d) => d.name));
  let index = 1;
  while (used.has(`eth${index}`)) index += 1;
  const nic = `eth${index}`;
  const devices = { [nicDeviceName(nic)]: nicDevice(nic, bridge) };
  await client.run('PATCH', `/1.0/instances/${name}`, { json: { devices } });
  return nic;
}

/** Removes the extra NIC the guest calls `nic`; nothing to do when there is none. */
export function removeBridgedNic(client: LxdClient, name: string, nic: string) {
  return removeDevice(client, name, nicDeviceName(nic));
}
