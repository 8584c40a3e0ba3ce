import { describe, expect, it } from 'vitest';
import { extrasProblems, extrasRequest, type LaunchExtras, NO_EXTRAS } from './launch-extras';

const both = ['container', 'virtual-machine'] as const;

describe('the launch extras', () => {
  it('sends the first offered type until another is chosen, and none when one is offered', () => {
    expect(extrasRequest(NO_EXTRAS, both)).toEqual({ type: 'container' });
    expect(extrasRequest({ ...NO_EXTRAS, type: 'virtual-machine' }, both)).toEqual({
      type: 'virtual-machine',
    });
    expect(extrasRequest(NO_EXTRAS, ['virtual-machine'])).toEqual({});
  });

  it('refuses two mounts at one guest path and relative host folders', () => {
    const extras: LaunchExtras = {
      ...NO_EXTRAS,
      mounts: [
        { key: 1, source: '/a', target: '/mnt/x' },
        { key: 2, source: 'b', target: '/mnt/x' },
      ],
    };
    expect(extrasProblems(extras)).toEqual({
      2: {
        source: 'Give the full path of the folder, starting with /',
        target: 'Something is already mounted at /mnt/x',
      },
    });
  });

  it('ignores rows left empty', () => {
    const extras: LaunchExtras = {
      ...NO_EXTRAS,
      mounts: [{ key: 1, source: ' ', target: '' }],
      networks: [{ key: 2, bridge: '' }],
    };
    expect(extrasProblems(extras)).toEqual({});
    expect(extrasRequest(extras, ['virtual-machine'])).toEqual({});
  });
});
