import { describe, expect, it } from 'vitest';
import { INITIAL_FIELDS, type LaunchFields, launchProblems, launchRequest } from './launch-form';

const valid: LaunchFields = { ...INITIAL_FIELDS, image: '/images/tiny.img', name: 'web' };
const problems = (extra: Partial<LaunchFields>, taken: string[] = []) =>
  launchProblems({ ...valid, ...extra }, new Set(taken));

describe('launch form checks', () => {
  it('accepts the defaults with an image and a name', () => {
    expect(problems({})).toEqual({});
    expect(INITIAL_FIELDS.memory).toBe('1G');
    expect(INITIAL_FIELDS.disk).toBe('5G');
  });

  it('uses the shared name rules and refuses a name the scope already has', () => {
    expect(problems({ name: '9lives' }).name).toBe('Instance name must start with a letter');
    expect(problems({ name: 'web' }, ['web']).name).toMatch(/already exists/);
  });

  it('enforces the shared minimums with units', () => {
    expect(problems({ memory: '256M' }).memory).toMatch(/at least 512MiB/);
    expect(problems({ disk: '512M' }).disk).toMatch(/at least 1GiB/);
    expect(problems({ cpus: '0' }).cpus).toBe('At least 1 CPU is needed');
    expect(problems({ memory: 'lots' }).memory).toMatch(/size such as/);
  });

  it('reads a bare memory number as MiB and a bare disk number as GiB', () => {
    const request = launchRequest({ ...valid, memory: '512', disk: '8' }, 'op-1');
    expect(request.memoryBytes).toBe(512 * 1024 ** 2);
    expect(request.diskBytes).toBe(8 * 1024 ** 3);
  });

  it('checks cloud-init user-data before anything is sent', () => {
    expect(problems({ userData: '#cloud-config\n- a list' }).userData).toMatch(/mapping/);
  });

  it('sends the kernel boot paths only when given', () => {
    expect(launchRequest(valid, 'op-1')).not.toHaveProperty('kernel');
    const kernel = launchRequest({ ...valid, kernel: '/k', initrd: '/i', cmdline: 'ro' }, 'op-2');
    expect(kernel).toMatchObject({
      kernel: '/k',
      initrd: '/i',
      cmdline: 'ro',
      operationId: 'op-2',
    });
  });
});
