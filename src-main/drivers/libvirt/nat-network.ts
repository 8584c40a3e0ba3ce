/**
 * libvirt's NAT network: whether it is active (then each domain gets a NIC on it) and the
 * addresses its DHCP server leased to a domain.
 */
import type { Virsh } from './virsh';

/** The libvirt network instances join; Debian's libvirt defines it, inactive. */
export const NAT_NETWORK = 'default';

/** Said when a domain is defined without its NAT NIC. */
export const NAT_INACTIVE_WARNING =
  `libvirt's ${NAT_NETWORK} network is not active: instances get no NAT address ` +
  `(virsh net-start ${NAT_NETWORK})`;

/** `network` when libvirt reports it active, else null. */
export async function activeNatNetwork(
  virsh: Virsh,
  network = NAT_NETWORK,
): Promise<string | null> {
  const info = await virsh.tryRun(['net-info', network]);
  return info.ok && /^Active:\s+yes$/m.test(info.stdout) ? network : null;
}

/** The IPv4 addresses in `virsh domifaddr --source lease` output, without their prefix. */
export function parseLeaseAddresses(text: string): string[] {
  const found = [...text.matchAll(/\bipv4\s+((?:\d{1,3}\.){3}\d{1,3})\/\d+/g)];
  return found.map((match) => match[1] ?? '').filter(Boolean);
}

/** What the NAT network's DHCP server leased to `domain` (empty when nothing). */
export async function leaseAddresses(virsh: Virsh, domain: string): Promise<string[]> {
  const leases = await virsh.tryRun(['domifaddr', domain, '--source', 'lease']);
  return leases.ok ? parseLeaseAddresses(leases.stdout) : [];
}
