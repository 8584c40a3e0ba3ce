import { describe, expect, it } from 'vitest';
import type { InstanceState } from '../../src-shared/states';
import { trayIconFile, trayIconState, trayToolTip } from './tray-icon-state';

const vm = (state: InstanceState, deleted = false) => ({ state, deleted, lastError: null });
const idle = { instances: [], runningOperations: 0, unseenFailure: false };

describe('the tray icon’s aggregate state', () => {
  it('is idle with nothing running', () => {
    expect(trayIconState(idle)).toBe('idle');
    expect(trayIconState({ ...idle, instances: [vm('stopped'), vm('suspended')] })).toBe('idle');
  });

  it('is running when any instance is up', () => {
    expect(trayIconState({ ...idle, instances: [vm('stopped'), vm('running')] })).toBe('running');
    expect(trayIconState({ ...idle, instances: [vm('delayed_shutdown')] })).toBe('running');
  });

  it('is busy while an operation runs or an instance is on its way, above everything else', () => {
    expect(trayIconState({ ...idle, runningOperations: 1 })).toBe('busy');
    expect(trayIconState({ ...idle, instances: [vm('starting')] })).toBe('busy');
    expect(trayIconState({ ...idle, runningOperations: 1, unseenFailure: true })).toBe('busy');
  });

  it('shows an error after an unseen failure or for an instance in an unknown state', () => {
    expect(trayIconState({ ...idle, unseenFailure: true, instances: [vm('running')] })).toBe(
      'error',
    );
    expect(trayIconState({ ...idle, instances: [vm('unknown')] })).toBe('error');
  });

  it('ignores deleted instances', () => {
    expect(trayIconState({ ...idle, instances: [vm('running', true)] })).toBe('idle');
  });
});

describe('the tray image for a state', () => {
  it('uses template images on macOS and colour images elsewhere', () => {
    expect(trayIconFile('running', 'darwin')).toBe('tray-runningTemplate.png');
    expect(trayIconFile('running', 'linux')).toBe('tray-running.png');
    expect(trayIconFile('error', 'win32')).toBe('tray-error.png');
  });

  it('animates busy through its frames, wrapping around', () => {
    expect(trayIconFile('busy', 'linux', 0)).toBe('tray-busy-0.png');
    expect(trayIconFile('busy', 'linux', 5)).toBe('tray-busy-1.png');
    expect(trayIconFile('busy', 'darwin', 3)).toBe('tray-busy-3Template.png');
    expect(trayIconFile('idle', 'linux', 3)).toBe('tray-idle.png');
  });

  it('says the state and the status line on hover', () => {
    expect(trayToolTip('busy', 'QEMU · 1 of 1 running')).toBe(
      'Berth (working) — QEMU · 1 of 1 running',
    );
  });
});
