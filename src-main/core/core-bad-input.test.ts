import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CoreHarness, openHarness, rejection } from './testing/core-harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.dispose();
});

/** Asserts the request is refused with INVALID_INPUT and `message`, and nothing happened. */
async function refused(
  method: Parameters<CoreHarness['call']>[0],
  params: unknown,
  message: string,
) {
  const before = await readdir(h.dataDir, { recursive: true });
  const error = await rejection(h.call(method, params));
  expect(error.code).toBe('INVALID_INPUT');
  expect(error.message).toContain(message);
  expect(h.qemu.calls).toEqual([]);
  expect(await readdir(h.dataDir, { recursive: true })).toEqual(before);
}

describe('bad input is refused with its message and changes nothing', () => {
  it.each([
    ['$(reboot)', 'start with a letter'],
    ['../x', 'start with a letter'],
    ['x$(reboot)', 'letters, digits and hyphens'],
    ['a/../b', 'letters, digits and hyphens'],
    ['a'.repeat(64), 'at most 63'],
    ['', 'empty'],
    ['9lives', 'start with a letter'],
    ['web-', 'hyphen'],
  ])('instance name %j', async (name, message) => {
    await refused('instances.launch', { name, image: h.image }, message);
  });

  it.each([
    [{ cpus: 0 }, 'CPU'],
    [{ memoryBytes: 100 * 1024 ** 2 }, '512'],
    [{ diskBytes: 10 * 1024 ** 2 }, '1'],
  ])('resources below the minimum %j', async (resources, message) => {
    await refused('instances.launch', { name: 'web', image: h.image, ...resources }, message);
  });

  it('an image that does not exist', async () => {
    await refused(
      'instances.launch',
      { name: 'web', image: '/nonexistent/disk.img' },
      'not a file',
    );
  });

  it('an image URL that is not a local file', async () => {
    await refused('instances.launch', { name: 'web', image: 'https://x/y.img' }, 'local files');
  });

  it('user-data that is not YAML', async () => {
    const userData = '#cloud-config\nusers: [unclosed';
    await refused('instances.launch', { name: 'web', image: h.image, userData }, 'line');
  });

  it('an unknown driver', async () => {
    await refused('settings.set', { key: 'local.driver', value: 'xen' }, 'not a driver');
    await refused('settings.set', { key: 'local.driver', value: 'hyperv' }, 'not a driver');
    await refused('settings.set', { key: 'local.driver', value: 'lxd@lab' }, 'no remote called');
    await refused('settings.set', { key: 'local.driver', value: 'qemu@lab' }, 'lxd@<name>');
    await refused('drivers.preview', { driver: 'lxd@Lab' }, 'lxd@<name>');
    await refused('remotes.add', { name: 'lab', url: 'http://x:8443', token: 't' }, 'https://');
    await refused('remotes.add', { name: '9lab', url: 'https://x', token: 't' }, 'remote name');
  });

  it('an unknown setting', async () => {
    await refused('settings.set', { key: 'local.nope', value: '1' }, 'Unknown setting');
  });

  it.each([
    ['instances.launch', { image: 42 }],
    ['instances.launch', { image: 'x', extra: true }],
    ['instances.start', {}],
    ['instances.stop', { name: 'web', force: 'yes' }],
    ['no.such.method', {}],
    ['instances.list', 'not an object'],
  ])('malformed request %s %j', async (method, params) => {
    await refused(method as 'instances.list', params, '');
  });
});
