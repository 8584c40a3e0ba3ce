/** Plausible instances and drivers for renderer tests. */
import type { DriverInfo } from '../../src-shared/api';
import { capabilitiesOf } from '../../src-shared/capabilities';
import { DRIVER_LABELS, type DriverId } from '../../src-shared/drivers';
import { fakeInstance } from '../../src-shared/testing/fixtures';

export { fakeInstance };

/** A driver entry with its real capabilities; QEMU is active and the default unless told. */
export function fakeDriver(id: DriverId, extra: Partial<DriverInfo> = {}): DriverInfo {
  return {
    id,
    target: id,
    remote: null,
    clusterMembers: [],
    instanceTypes: ['virtual-machine'],
    label: DRIVER_LABELS[id],
    scope: id === 'libvirt' ? 'qemu' : id,
    available: true,
    version: '8.2.2',
    acceleration: 'kvm',
    warnings: [],
    reason: null,
    fix: null,
    capabilities: capabilitiesOf(id),
    instanceCount: 0,
    isDefault: id === 'qemu',
    isActive: id === 'qemu',
    ...extra,
  };
}

/** The three Linux drivers, QEMU active. */
export function linuxDrivers(): DriverInfo[] {
  return [
    fakeDriver('qemu'),
    fakeDriver('libvirt', { version: '10.0.0' }),
    fakeDriver('lxd', {
      available: false,
      version: null,
      acceleration: null,
      reason: 'lxd is not installed',
      fix: 'Install it with: sudo snap install lxd',
    }),
  ];
}
