import { describe, expect, it } from 'vitest';
import { driverEventFor, runStateOf } from './session';

describe('driverEventFor', () => {
  it('maps QEMU lifecycle events to driver events', () => {
    expect(driverEventFor({ event: 'RESUME', data: {} })).toEqual({ kind: 'running' });
    expect(driverEventFor({ event: 'STOP', data: {} })).toEqual({ kind: 'paused' });
    expect(
      driverEventFor({ event: 'RESET', data: { guest: true, reason: 'guest-reset' } }),
    ).toEqual({ kind: 'reset', detail: 'guest-reset' });
    expect(driverEventFor({ event: 'SHUTDOWN', data: { reason: 'guest-shutdown' } })).toEqual({
      kind: 'shutdown',
      detail: 'guest-shutdown',
    });
  });

  it('ignores events the core has no use for', () => {
    expect(driverEventFor({ event: 'POWERDOWN', data: {} })).toBeNull();
    expect(driverEventFor({ event: 'NIC_RX_FILTER_CHANGED', data: {} })).toBeNull();
  });
});

describe('runStateOf', () => {
  it('reads query-status replies', () => {
    expect(runStateOf({ status: 'running', running: true })).toBe('running');
    expect(runStateOf({ status: 'paused', running: false })).toBe('paused');
    expect(runStateOf({ status: 'prelaunch', running: false })).toBe('paused');
    expect(runStateOf(null)).toBe('paused');
  });
});
