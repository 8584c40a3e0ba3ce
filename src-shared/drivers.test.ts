import { describe, expect, it } from 'vitest';
import { capabilitiesOf, hasCapability, missingCapabilityReason } from './capabilities';
import { defaultDriver, driversForHost, normaliseDriverName, scopeOfDriver } from './drivers';

describe('default driver per platform', () => {
  it.each([
    ['linux', 'x64', null, 'qemu'],
    ['linux', 'arm64', null, 'lxd'],
    ['linux', 'riscv64', null, 'lxd'],
    ['darwin', 'arm64', null, 'qemu'],
    ['darwin', 'x64', null, 'qemu'],
    ['win32', 'x64', 'pro', 'hyperv'],
    ['win32', 'x64', 'enterprise', 'hyperv'],
    ['win32', 'x64', 'education', 'hyperv'],
    ['win32', 'x64', 'home', 'virtualbox'],
  ] as const)('%s %s %s → %s', (os, arch, edition, expected) => {
    expect(defaultDriver(os, arch, edition)).toBe(expected);
  });

  it('offers each platform its own drivers', () => {
    expect(driversForHost('linux')).toEqual(['qemu', 'libvirt', 'lxd']);
    expect(driversForHost('darwin')).toEqual(['qemu', 'virtualbox']);
    expect(driversForHost('win32')).toEqual(['virtualbox', 'hyperv']);
  });

  it('shares the QEMU scope with libvirt on Linux only', () => {
    expect(scopeOfDriver('libvirt', 'linux')).toBe('qemu');
    expect(scopeOfDriver('lxd', 'linux')).toBe('lxd');
    expect(scopeOfDriver('qemu', 'darwin')).toBe('qemu');
  });

  it('accepts aliases and refuses unknown names', () => {
    expect(normaliseDriverName(' Hyper-V ')).toBe('hyperv');
    expect(normaliseDriverName('QEMU')).toBe('qemu');
    expect(normaliseDriverName('xen')).toBeNull();
  });
});

describe('capability matrix', () => {
  it('matches the product matrix exactly', () => {
    const table = Object.fromEntries(
      ['qemu', 'libvirt', 'lxd', 'virtualbox', 'hyperv'].map((d) => [
        d,
        capabilitiesOf(d as 'qemu'),
      ]),
    );
    expect(table).toEqual({
      qemu: { nativeMounts: true, extraNetworks: true, snapshots: true, suspend: true },
      libvirt: { nativeMounts: false, extraNetworks: false, snapshots: false, suspend: true },
      lxd: { nativeMounts: true, extraNetworks: true, snapshots: false, suspend: false },
      virtualbox: { nativeMounts: false, extraNetworks: true, snapshots: true, suspend: true },
      hyperv: { nativeMounts: true, extraNetworks: true, snapshots: true, suspend: true },
    });
  });

  it('explains a missing capability in words', () => {
    expect(hasCapability('lxd', 'suspend')).toBe(false);
    expect(missingCapabilityReason('lxd', 'suspend')).toBe(
      'Suspend is not supported by the LXD driver',
    );
    expect(missingCapabilityReason('libvirt', 'snapshots')).toBe(
      'Snapshots are not supported by the libvirt driver',
    );
  });
});
