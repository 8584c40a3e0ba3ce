/** Hypervisor drivers Berth knows, the hosts each runs on, and the default per host. */

/** Every driver identifier Berth knows, in the order the UI lists them. */
export const DRIVER_IDS = ['qemu', 'libvirt', 'lxd', 'virtualbox', 'hyperv'] as const;

/** One hypervisor backend. */
export type DriverId = (typeof DRIVER_IDS)[number];

/** Host operating systems, named as Node's `process.platform` names them. */
export type HostOs = 'linux' | 'darwin' | 'win32';

/** Windows editions that decide the default driver; `null` on other systems. */
export type WindowsEdition = 'home' | 'pro' | 'enterprise' | 'education' | null;

/** Human names for drivers, as shown in messages and the UI. */
export const DRIVER_LABELS: Readonly<Record<DriverId, string>> = {
  qemu: 'QEMU',
  libvirt: 'libvirt',
  lxd: 'LXD',
  virtualbox: 'VirtualBox',
  hyperv: 'Hyper-V',
};

/** Which host operating systems each driver runs on. */
export const DRIVER_HOSTS: Readonly<Record<DriverId, readonly HostOs[]>> = {
  qemu: ['linux', 'darwin'],
  libvirt: ['linux'],
  lxd: ['linux'],
  virtualbox: ['darwin', 'win32'],
  hyperv: ['win32'],
};

/** Accepted spellings that map to a driver id (Multipass accepts the same aliases). */
const DRIVER_ALIASES: Readonly<Record<string, DriverId>> = {
  'hyper-v': 'hyperv',
  vbox: 'virtualbox',
};

/** True when `value` is one of the known driver ids. */
export function isDriverId(value: string): value is DriverId {
  return (DRIVER_IDS as readonly string[]).includes(value);
}

/** Lower-cases and resolves aliases; returns null for an unknown name. */
export function normaliseDriverName(value: string): DriverId | null {
  const lowered = value.trim().toLowerCase();
  const resolved = DRIVER_ALIASES[lowered] ?? lowered;
  return isDriverId(resolved) ? resolved : null;
}

/** The drivers a host operating system offers, in display order. */
export function driversForHost(os: HostOs): DriverId[] {
  return DRIVER_IDS.filter((id) => DRIVER_HOSTS[id].includes(os));
}

/**
 * The driver used until the user picks one: QEMU on Linux amd64, LXD on other Linux
 * architectures, QEMU on macOS, Hyper-V on Windows Pro/Enterprise/Education, VirtualBox on
 * Windows Home. `arch` uses Node's names (`x64`, `arm64`, ...).
 */
export function defaultDriver(os: HostOs, arch: string, edition: WindowsEdition): DriverId {
  if (os === 'linux') return arch === 'x64' ? 'qemu' : 'lxd';
  if (os === 'darwin') return 'qemu';
  return edition === 'home' ? 'virtualbox' : 'hyperv';
}

/**
 * The instance scope a driver's instances live in. On Linux QEMU and libvirt share one scope
 * (libvirt defines domains for the QEMU instances' disks); every other driver has its own.
 */
export function scopeOfDriver(driver: DriverId, os: HostOs): string {
  if (os === 'linux' && driver === 'libvirt') return 'qemu';
  return driver;
}
