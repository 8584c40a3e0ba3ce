import { describe, expect, it } from 'vitest';
import {
  asSentence,
  formatAge,
  formatBytes,
  formatIpv4,
  imageName,
  stateLabel,
  stateTone,
  stepLabel,
} from './format';

describe('formatBytes', () => {
  it('uses binary units with a space', () => {
    expect(formatBytes(1024 ** 3)).toBe('1 GiB');
    expect(formatBytes(512 * 1024 ** 2)).toBe('512 MiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GiB');
  });

  it('keeps one decimal only when it matters', () => {
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(1024 ** 3 + 1)).toBe('1 GiB');
  });

  it('shows small and invalid sizes plainly', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('says minutes, then hours, then days', () => {
    expect(formatAge('2026-03-01T11:59:30Z', now)).toBe('<1 min');
    expect(formatAge('2026-03-01T11:57:00Z', now)).toBe('3 min');
    expect(formatAge('2026-03-01T07:00:00Z', now)).toBe('5 h');
    expect(formatAge('2026-02-20T12:00:00Z', now)).toBe('9 d');
  });

  it('never shows a negative age for a clock skewed into the future', () => {
    expect(formatAge('2026-03-01T12:05:00Z', now)).toBe('<1 min');
  });

  it('shows a dash for an unreadable date', () => {
    expect(formatAge('yesterday', now)).toBe('—');
  });
});

describe('state labels and tones', () => {
  it('labels states as people read them', () => {
    expect(stateLabel({ state: 'running', deleted: false })).toBe('Running');
    expect(stateLabel({ state: 'delayed_shutdown', deleted: false })).toBe('Delayed Shutdown');
    expect(stateLabel({ state: 'stopped', deleted: true })).toBe('Deleted');
  });

  it('gives transitional states the busy tone and unknown its own', () => {
    expect(stateTone({ state: 'starting', deleted: false })).toBe('busy');
    expect(stateTone({ state: 'suspended', deleted: false })).toBe('suspended');
    expect(stateTone({ state: 'unknown', deleted: false })).toBe('unknown');
  });
});

describe('small labels', () => {
  it('shortens image paths to the file name', () => {
    expect(imageName('/var/images/noble.img')).toBe('noble.img');
    expect(imageName('C:\\images\\tiny.qcow2')).toBe('tiny.qcow2');
  });

  it('shows the first address and how many more', () => {
    expect(formatIpv4([])).toBe('—');
    expect(formatIpv4(['10.0.2.15', '192.168.1.4'])).toBe('10.0.2.15 (+1)');
  });

  it('turns step ids into headings', () => {
    expect(stepLabel('waiting-for-ssh')).toBe('Waiting for SSH');
    expect(stepLabel('preparing-disk')).toBe('Preparing disk');
  });

  it('ends a reason with one full stop', () => {
    expect(asSentence('The lxd driver is not built')).toBe('The lxd driver is not built.');
    expect(asSentence('Install qemu-system-x86.')).toBe('Install qemu-system-x86.');
  });
});
