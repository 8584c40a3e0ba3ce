/** Plausible instances and drivers for renderer tests. */
import type { DriverInfo, InstanceInfo } from '../../src-shared/api';
import { capabilitiesOf } from '../../src-shared/capabilities';
import { DRIVER_LABELS, type DriverId } from '../../src-shared/drivers';

/** An instance of the qemu scope, stopped, with Multipass-like defaults. */
export function fakeInstance(name: string, extra: Partial<InstanceInfo> = {}): InstanceInfo {
  return {
    name,
    state: 'stopped',
    deleted: false,
    scope: 'qemu',
    image: { kind: 'disk', source: '/images/noble.img' },
    cpus: 1,
    memoryBytes: 1024 ** 3,
    diskBytes: 5 * 1024 ** 3,
    ipv4: [],
    ssh: null,
    createdAt: '2026-01-02T03:04:05.000Z',
    snapshotCount: 0,
    resumeOnReturn: false,
    lastError: null,
    ...extra,
  };
}

/** A driver entry with its real capabilities; QEMU is active and the default unless told. */
export function fakeDriver(id: DriverId, extra: Partial<DriverInfo> = {}): DriverInfo {
  return {
    id,
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
