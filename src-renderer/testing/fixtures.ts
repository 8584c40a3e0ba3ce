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

/** A remote LXD server's entry, as drivers.list reports it once the remote is added. */
export function fakeRemoteDriver(name: string, extra: Partial<DriverInfo> = {}): DriverInfo {
  const target = `lxd@${name}`;
  return fakeDriver('lxd', {
    target,
    remote: { name, url: `https://${name}.example:8443` },
    instanceTypes: ['container', 'virtual-machine'],
    label: `LXD @ ${name}`,
    scope: target,
    version: '5.21.3',
    acceleration: null,
    isDefault: false,
    isActive: false,
    ...extra,
  });
}

/** This computer's drivers with LXD active, running containers and VMs. */
export function lxdActiveDrivers(extra: Partial<DriverInfo> = {}): DriverInfo[] {
  return [
    fakeDriver('qemu', { isActive: false }),
    fakeDriver('lxd', {
      version: '5.21.3',
      acceleration: null,
      instanceTypes: ['container', 'virtual-machine'],
      isActive: true,
      ...extra,
    }),
  ];
}
