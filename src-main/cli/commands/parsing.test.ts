import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src-shared/errors';
import { UsageError } from '../errors';
import { failure } from '../testing/failure';
import { parseLaunchArgs } from './launch';
import { parseAssignment } from './settings';
import { parseSnapshotRef } from './snapshots';

const cwd = '/work/project';

describe('launch arguments', () => {
  it('resolves a relative image path against the working directory', () => {
    const plan = parseLaunchArgs(['images/noble.img', '-n', 'web'], cwd);
    expect(plan.request).toEqual({ image: '/work/project/images/noble.img', name: 'web' });
  });

  it('turns file:// URLs into paths and keeps absolute paths', () => {
    expect(parseLaunchArgs(['file:///srv/my%20img.qcow2'], cwd).request.image).toBe(
      '/srv/my img.qcow2',
    );
    expect(parseLaunchArgs(['/srv/a.img'], cwd).request.image).toBe('/srv/a.img');
  });

  it('converts sizes and counts into the request fields', () => {
    const plan = parseLaunchArgs(
      ['a.img', '--cpus', '2', '--memory', '2G', '--disk', '10G', '--timeout', '600'],
      cwd,
    );
    expect(plan.request).toMatchObject({
      cpus: 2,
      memoryBytes: 2 * 1024 ** 3,
      diskBytes: 10 * 1024 ** 3,
      timeoutSec: 600,
    });
  });

  it('resolves kernel, initrd and cloud-init paths', () => {
    const plan = parseLaunchArgs(
      [
        'a.img',
        '--kernel',
        'vmlinuz',
        '--initrd',
        'initrd',
        '--cmdline',
        'console=ttyS0',
        '--cloud-init',
        'ud.yaml',
      ],
      cwd,
    );
    expect(plan.request).toMatchObject({
      kernel: '/work/project/vmlinuz',
      initrd: '/work/project/initrd',
      cmdline: 'console=ttyS0',
    });
    expect(plan.cloudInitPath).toBe('/work/project/ud.yaml');
  });

  it.each([
    [['a.img', '--name', '$(reboot)'], 'Instance name must start with a letter'],
    [['a.img', '--memory', '10M'], 'Memory must be at least 512MiB (asked for 10MiB)'],
    [['a.img', '--disk', 'lots'], 'Invalid disk size "lots"; use e.g. 512M, 1G or 1.5G'],
    [['a.img', '--cpus', '0'], 'At least 1 CPU is needed'],
    [['a.img', '--initrd', 'x'], 'An initrd needs a kernel (--kernel)'],
    [['a.img', '--timeout', '0'], '--timeout must be a whole number from 1 to 3600 (got "0")'],
  ])('refuses %j with the core message', (argv, message) => {
    const error = failure(() => parseLaunchArgs(argv, cwd));
    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message });
  });

  it('reports unknown flags and a missing image as usage errors with the usage', () => {
    const unknown = failure(() => parseLaunchArgs(['a.img', '--bogus'], cwd));
    expect(unknown).toBeInstanceOf(UsageError);
    expect(unknown).toMatchObject({ message: 'Unknown option --bogus' });
    expect((unknown as UsageError).usage).toMatch(/^Usage: berth launch <image>/);
    expect(failure(() => parseLaunchArgs([], cwd))).toMatchObject({ message: 'Missing <image>' });
  });
});

describe('restore arguments', () => {
  it('reads <name>.<snapshot> and <name> <snapshot>', () => {
    expect(parseSnapshotRef(['web.before-upgrade'])).toEqual({
      instance: 'web',
      snapshot: 'before-upgrade',
    });
    expect(parseSnapshotRef(['web', 'snapshot2'])).toEqual({
      instance: 'web',
      snapshot: 'snapshot2',
    });
  });

  it('refuses a reference without a snapshot part or with a bad name', () => {
    expect(failure(() => parseSnapshotRef(['web']))).toBeInstanceOf(UsageError);
    expect(failure(() => parseSnapshotRef(['web.a.b']))).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Snapshot name may contain only letters, digits and hyphens',
    });
    expect(failure(() => parseSnapshotRef(['a', 'b', 'c']))).toBeInstanceOf(UsageError);
  });
});

describe('set arguments', () => {
  it('splits at the first equals sign', () => {
    expect(parseAssignment('client.note=a=b')).toEqual({ key: 'client.note', value: 'a=b' });
    expect(parseAssignment('local.driver=')).toEqual({ key: 'local.driver', value: '' });
    expect(failure(() => parseAssignment('=x'))).toBeInstanceOf(UsageError);
    expect(failure(() => parseAssignment('novalue'))).toBeInstanceOf(UsageError);
  });
});
