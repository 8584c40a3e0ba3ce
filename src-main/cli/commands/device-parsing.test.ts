import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src-shared/errors';
import { UsageError } from '../errors';
import { failure } from '../testing/failure';
import { parseInstancePath, parseMountFlag, parseTypeFlags } from './device-args';
import { parseLaunchArgs } from './launch';

const cwd = '/work/project';

describe('launch device and type flags', () => {
  it('reads repeated --mount and --network, and the type', () => {
    const plan = parseLaunchArgs(
      [
        'images:debian/12',
        '--mount',
        'src:/mnt/src',
        '--mount',
        '/srv/data',
        '--network',
        'br0',
        '--network',
        'br1',
        '--container',
      ],
      cwd,
    );
    expect(plan.request).toEqual({
      image: 'images:debian/12',
      type: 'container',
      mounts: [
        { source: '/work/project/src', target: '/mnt/src' },
        { source: '/srv/data', target: '/srv/data' },
      ],
      networks: [{ bridge: 'br0' }, { bridge: 'br1' }],
    });
  });

  it('keeps image aliases as typed, and a local file that only looks like one', () => {
    expect(parseLaunchArgs(['ubuntu:24.04', '--vm'], cwd).request).toEqual({
      image: 'ubuntu:24.04',
      type: 'virtual-machine',
    });
    expect(parseLaunchArgs(['./images:x.img'], cwd).request.image).toBe(
      '/work/project/images:x.img',
    );
  });

  it.each([
    [['a.img', '--vm', '--container'], 'Give only one of --container, --vm, --type'],
    [['a.img', '--type', 'lxc'], 'Unknown type "lxc"; use container or vm'],
    [['a.img', '--type', 'constructor'], 'Unknown type "constructor"; use container or vm'],
  ])('refuses %j as a usage error', (argv, message) => {
    const error = failure(() => parseLaunchArgs(argv, cwd));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(message);
  });

  it('accepts --type with the long and short names', () => {
    expect(parseTypeFlags({ type: 'virtual-machine' }, '')).toBe('virtual-machine');
    expect(parseTypeFlags({ type: 'vm' }, '')).toBe('virtual-machine');
    expect(parseTypeFlags({}, '')).toBeUndefined();
  });
});

describe('mount specs', () => {
  it('splits <source>:<target> at the last ":/", so sources may hold colons', () => {
    expect(parseMountFlag('/data/a:b:/mnt/x', cwd)).toEqual({
      source: '/data/a:b',
      target: '/mnt/x',
    });
    expect(parseMountFlag('rel', cwd)).toEqual({
      source: '/work/project/rel',
      target: '/work/project/rel',
    });
  });

  it('reads <name>[:<target>] and checks the name', () => {
    expect(parseInstancePath('web:/mnt/a:b', '')).toEqual({ instance: 'web', target: '/mnt/a:b' });
    expect(parseInstancePath('web', '')).toEqual({ instance: 'web', target: null });
    expect(failure(() => parseInstancePath('web:', ''))).toBeInstanceOf(UsageError);
    const bad = failure(() => parseInstancePath('$(x):/mnt', ''));
    expect(bad).toBeInstanceOf(BerthError);
    expect(bad).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
