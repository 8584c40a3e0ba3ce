/** The capability matrix: which optional features each driver has. */
import { DRIVER_LABELS, type DriverId } from './drivers';

/** Optional features that not every driver has. */
export type Capability = 'nativeMounts' | 'extraNetworks' | 'snapshots' | 'suspend';

/** Human names of capabilities, used in refusal reasons. */
export const CAPABILITY_LABELS: Readonly<Record<Capability, string>> = {
  nativeMounts: 'Native mounts',
  extraNetworks: 'Extra networks',
  snapshots: 'Snapshots',
  suspend: 'Suspend',
};

/** The drivers that have each capability (DEVELOPERS.md's matrix, verbatim as data). */
export const CAPABILITY_MATRIX: Readonly<Record<Capability, readonly DriverId[]>> = {
  nativeMounts: ['hyperv', 'lxd', 'qemu'],
  extraNetworks: ['hyperv', 'lxd', 'qemu', 'virtualbox'],
  snapshots: ['hyperv', 'qemu', 'virtualbox'],
  suspend: ['hyperv', 'libvirt', 'qemu', 'virtualbox'],
};

/** True when `driver` has `capability`. */
export function hasCapability(driver: DriverId, capability: Capability): boolean {
  return CAPABILITY_MATRIX[capability].includes(driver);
}

/** The capabilities of one driver, as a record of booleans for UIs and `berth drivers`. */
export function capabilitiesOf(driver: DriverId): Record<Capability, boolean> {
  return {
    nativeMounts: hasCapability(driver, 'nativeMounts'),
    extraNetworks: hasCapability(driver, 'extraNetworks'),
    snapshots: hasCapability(driver, 'snapshots'),
    suspend: hasCapability(driver, 'suspend'),
  };
}

/** The reason a driver lacks a capability, e.g. "Suspend is not supported by the LXD driver". */
export function missingCapabilityReason(driver: DriverId, capability: Capability): string {
  return `${CAPABILITY_LABELS[capability]} ${capability === 'snapshots' ? 'are' : 'is'} not supported by the ${DRIVER_LABELS[driver]} driver`;
}
