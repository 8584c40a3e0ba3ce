import { describe, expect, it } from 'vitest';
import { formatSize, instanceNameProblem, parseSize, resourceProblem } from './names';

describe('instance names', () => {
  it.each(['web', 'a', 'Web-2', `a${'b'.repeat(62)}`])('accepts %j', (name) => {
    expect(instanceNameProblem(name)).toBeNull();
  });

  it.each([
    ['', 'must not be empty'],
    ['$(reboot)', 'must start with a letter'],
    ['../x', 'must start with a letter'],
    ['x;rm', 'only letters, digits and hyphens'],
    ['web-', 'must not end with a hyphen'],
    ['1web', 'must start with a letter'],
    [`a${'b'.repeat(63)}`, 'at most 63 characters'],
  ])('refuses %j', (name, message) => {
    expect(instanceNameProblem(name)).toContain(message);
  });
});

describe('sizes', () => {
  it.each([
    ['2G', 2 * 1024 ** 3],
    ['512M', 512 * 1024 ** 2],
    ['1.5GiB', 1.5 * 1024 ** 3],
    ['1024', 1024],
    ['64k', 65536],
  ])('parses %j', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', 'G', '-1G', '2X', 'lots'])('refuses %j', (text) => {
    expect(parseSize(text)).toBeNull();
  });

  it('formats for people', () => {
    expect(formatSize(512 * 1024 ** 2)).toBe('512MiB');
    expect(formatSize(1.5 * 1024 ** 3)).toBe('1.5GiB');
  });

  it('enforces the minimums: 1 CPU, 512 MiB, 1 GiB', () => {
    expect(resourceProblem('cpus', 0)).toBe('At least 1 CPU is needed');
    expect(resourceProblem('memory', 511 * 1024 ** 2)).toContain('at least 512MiB');
    expect(resourceProblem('memory', 512 * 1024 ** 2)).toBeNull();
    expect(resourceProblem('disk', 1024 ** 3 - 1)).toContain('at least 1GiB');
  });
});
