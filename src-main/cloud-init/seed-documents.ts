/**
 * The four documents of a cloud-init NoCloud seed, laid out as Multipass does: Berth's own
 * settings (SSH key, network) in vendor-data and network-config, the user's document untouched
 * in user-data, so user-data can override Berth's defaults but never has to repeat them.
 */
import { stringify } from 'yaml';
import { assertValidUserData } from '../../src-shared/user-data';

/** What a seed is built from. */
export interface SeedInput {
  /** Becomes the guest's hostname. */
  instanceName: string;
  /** cloud-init runs its once-per-instance steps again whenever this changes. */
  instanceId: string;
  /** Berth's authorized_keys line. */
  publicKey: string;
  /** The user's own user-data, already checked; a minimal document when absent. */
  userData?: string;
  /**
   * The user Berth logs in as. Top-level `ssh_authorized_keys` go to the image's default user,
   * so this must be that user (`ubuntu` on Ubuntu cloud images).
   */
  sshUser: string;
  /** The MAC address of the instance's NIC; the network config matches it. */
  macAddress: string;
  /** IANA time zone for the guest, e.g. "Europe/Paris"; the image's default when absent. */
  timezone?: string;
}

/** File names of a NoCloud seed mapped to their contents. */
export interface SeedDocuments {
  'meta-data': string;
  'user-data': string;
  'vendor-data': string;
  'network-config': string;
}

/** The user-data used when the user gives none: valid, and changes nothing. */
export const EMPTY_USER_DATA = '#cloud-config\n{}\n';

// cloud-init reads YAML 1.1, where `yes`, `no`, `on` or `0755` are not strings; writing as 1.1
// quotes them, so an instance named "no" keeps its name. Width 0: never fold a key line.
const YAML_OPTIONS = { version: '1.1', lineWidth: 0 } as const;

/**
 * Builds the seed documents. Throws BerthError('INVALID_INPUT') when `userData` is not usable,
 * though callers are expected to have checked it before any side effect.
 */
export function buildSeedDocuments(input: SeedInput): SeedDocuments {
  if (input.userData !== undefined) assertValidUserData(input.userData);
  return {
    'meta-data': metaData(input),
    'user-data': input.userData ?? EMPTY_USER_DATA,
    'vendor-data': vendorData(input),
    'network-config': networkConfig(input.macAddress),
  };
}

function metaData(input: SeedInput): string {
  return stringify(
    { 'instance-id': input.instanceId, 'local-hostname': input.instanceName },
    YAML_OPTIONS,
  );
}

/** Each key sits on its own `  - ` line; the small test guests read exactly that shape. */
function vendorData(input: SeedInput): string {
  const config: Record<string, unknown> = { ssh_authorized_keys: [input.publicKey.trim()] };
  if (input.timezone) config.timezone = input.timezone;
  return `#cloud-config\n${stringify(config, YAML_OPTIONS)}`;
}

/**
 * The MAC of an instance's second NIC, on a hypervisor's own NAT network (libvirt's
 * `default`): the primary MAC with its fourth byte's top bit flipped, so both stay in QEMU's
 * locally administered 52:54:00 range and one follows from the other.
 */
export function natMacAddress(macAddress: string): string {
  const bytes = macAddress.toLowerCase().split(':');
  const fourth = Number.parseInt(bytes[3] ?? '0', 16) ^ 0x80;
  bytes[3] = fourth.toString(16).padStart(2, '0');
  return bytes.join(':');
}

/**
 * Network config v2: DHCP on the NIC with Berth's MAC address, and on the NAT NIC where a
 * driver adds one (libvirt). Matching by MAC, as Multipass does, because cloud-init's
 * ifupdown renderer (Debian) cannot expand name wildcards: it looks the interface name up by
 * MAC instead. An entry whose MAC is absent is skipped (the cloud guest under QEMU reached
 * SSH in 44 s with it, as fast as without).
 */
function networkConfig(macAddress: string): string {
  const nic = { match: { macaddress: macAddress.toLowerCase() }, dhcp4: true };
  const nat = { match: { macaddress: natMacAddress(macAddress) }, dhcp4: true };
  return stringify({ version: 2, ethernets: { default: nic, nat } }, YAML_OPTIONS);
}
