import { describe, expect, it } from 'vitest';
import { driverOfTarget, parseTarget, scopeOfTarget, targetLabel, targetOf } from './targets';

describe('driver targets', () => {
  it('parses local drivers and remote LXD servers', () => {
    expect(parseTarget('qemu')).toEqual({ driver: 'qemu', remote: null });
    expect(parseTarget('lxd@lab-cluster')).toEqual({ driver: 'lxd', remote: 'lab-cluster' });
    expect(targetOf('lxd', 'lab')).toBe('lxd@lab');
    expect(targetOf('qemu', null)).toBe('qemu');
  });

  it('refuses remotes of drivers that have none, and malformed names', () => {
    for (const bad of ['qemu@lab', 'lxd@', 'lxd@Lab', 'lxd@-x', 'nope', 'lxd@a@b', '']) {
      expect(parseTarget(bad), bad).toBeNull();
    }
    expect(() => driverOfTarget('qemu@lab')).toThrow(/not a driver target/);
  });

  it('gives each remote its own scope, while libvirt shares QEMU’s on Linux', () => {
    expect(scopeOfTarget('lxd@lab', 'linux')).toBe('lxd@lab');
    expect(scopeOfTarget('lxd', 'linux')).toBe('lxd');
    expect(scopeOfTarget('libvirt', 'linux')).toBe('qemu');
  });

  it('labels targets for people', () => {
    expect(targetLabel('lxd@lab')).toBe('LXD @ lab');
    expect(targetLabel('hyperv')).toBe('Hyper-V');
  });
});
