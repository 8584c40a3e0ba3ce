import { describe, expect, it } from 'vitest';
import { actionBlockReason, actionReasons } from './predicates';

describe('action predicates', () => {
  it('allows what a state allows and says why not otherwise', () => {
    const running = { state: 'running', deleted: false } as const;
    const stopped = { state: 'stopped', deleted: false } as const;
    expect(actionBlockReason('stop', running, 'qemu')).toBeNull();
    expect(actionBlockReason('suspend', running, 'qemu')).toBeNull();
    expect(actionBlockReason('start', running, 'qemu')).toBe('The instance is already running');
    expect(actionBlockReason('snapshot', running, 'qemu')).toBe(
      'Snapshots need a stopped instance',
    );
    expect(actionBlockReason('snapshot', stopped, 'qemu')).toBeNull();
    expect(actionBlockReason('suspend', stopped, 'qemu')).toBe(
      'Only a running instance can be suspended',
    );
  });

  it('puts the capability before the state', () => {
    const stopped = { state: 'stopped', deleted: false } as const;
    expect(actionBlockReason('suspend', stopped, 'lxd')).toBe(
      'Suspend is not supported by the LXD driver',
    );
    expect(actionBlockReason('snapshot', stopped, 'libvirt')).toBe(
      'Snapshots are not supported by the libvirt driver',
    );
  });

  it('lets a deleted instance only be recovered or purged', () => {
    const reasons = actionReasons({ state: 'stopped', deleted: true }, 'qemu');
    expect(reasons.recover).toBeNull();
    expect(reasons.purge).toBeNull();
    expect(reasons.start).toBe('The instance is deleted; recover it first');
    expect(actionReasons({ state: 'stopped', deleted: false }, 'qemu').recover).toBe(
      'The instance is not deleted',
    );
  });

  it('refuses to start an instance in an unknown state', () => {
    expect(actionBlockReason('start', { state: 'unknown', deleted: false }, 'qemu')).toContain(
      'stop it first',
    );
  });
});
