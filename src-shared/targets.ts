/**
 * Driver targets: what `local.driver` selects. A target is a driver id ("qemu", "lxd") for this
 * computer's hypervisor, or "lxd@<remote>" for a remote LXD server or cluster added to Berth.
 * Each target has its own instance scope, except that QEMU and libvirt share one on Linux.
 */
import { DRIVER_LABELS, type DriverId, type HostOs, isDriverId, scopeOfDriver } from './drivers';

/** Remote names: a letter first, then letters, digits and dashes; at most 32 characters. */
export const REMOTE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** A driver id, or a driver id with "@remote". */
export const TARGET_PATTERN = /^[a-z]+(@[a-z][a-z0-9-]{0,31})?$/;

/** Drivers that can reach remote servers. */
export const REMOTE_DRIVERS: readonly DriverId[] = ['lxd'];

/** A target taken apart. */
export interface ParsedTarget {
  driver: DriverId;
  /** The remote's name, or null for this computer. */
  remote: string | null;
}

/** Splits a target into driver and remote; null when it is not well formed. */
export function parseTarget(target: string): ParsedTarget | null {
  if (!TARGET_PATTERN.test(target)) return null;
  const [driver = '', remote] = target.split('@');
  if (!isDriverId(driver)) return null;
  if (remote !== undefined && !REMOTE_DRIVERS.includes(driver)) return null;
  return { driver, remote: remote ?? null };
}

/** The target string of a driver on a remote (or on this computer when `remote` is null). */
export function targetOf(driver: DriverId, remote: string | null): string {
  return remote === null ? driver : `${driver}@${remote}`;
}

/** The driver of a well-formed target ("lxd@lab" → "lxd"); throws on a malformed one. */
export function driverOfTarget(target: string): DriverId {
  const parsed = parseTarget(target);
  if (!parsed) throw new Error(`not a driver target: ${target}`);
  return parsed.driver;
}

/** The scope a target's instances live in: the driver's scope, or the target itself. */
export function scopeOfTarget(target: string, os: HostOs): string {
  const parsed = parseTarget(target);
  if (!parsed) throw new Error(`not a driver target: ${target}`);
  return parsed.remote === null ? scopeOfDriver(parsed.driver, os) : target;
}

/** How people see a target: "LXD", or "LXD @ lab". */
export function targetLabel(target: string): string {
  const parsed = parseTarget(target);
  if (!parsed) return target;
  const label = DRIVER_LABELS[parsed.driver];
  return parsed.remote === null ? label : `${label} @ ${parsed.remote}`;
}
