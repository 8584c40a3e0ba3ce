import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layout } from './data-dir';
import { type CoreHarness, openHarness, rejection } from './testing/core-harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.dispose();
});

describe('driver scopes (fake drivers)', () => {
  it('keeps the same name in two scopes apart', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image, cpus: 2 });
    await h.call('settings.set', { key: 'local.driver', value: 'lxd' });
    expect((await h.call('instances.list', {})).instances).toEqual([]);
    await h.call('instances.launch', { name: 'web', image: h.image, cpus: 1 });
    expect((await h.call('instances.info', { name: 'web' })).cpus).toBe(1);
    await h.call('settings.set', { key: 'local.driver', value: 'qemu' });
    const web = await h.call('instances.info', { name: 'web' });
    expect(web).toMatchObject({ scope: 'qemu', cpus: 2, state: 'running' });
    await h.call('settings.set', { key: 'local.driver', value: 'lxd' });
    expect(await h.call('instances.info', { name: 'web' })).toMatchObject({
      scope: 'lxd',
      cpus: 1,
      state: 'running',
    });
  });

  it('parks by suspend where the driver can, by stop where it cannot', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    await h.call('instances.launch', { name: 'idle', image: h.image });
    await h.call('instances.stop', { name: 'idle' });
    const preview = await h.call('drivers.preview', { driver: 'lxd' });
    expect(preview.items).toEqual([{ name: 'web', action: 'suspend', side: 'leaving' }]);
    expect(preview.summary).toContain('Nothing is deleted');
    await h.call('settings.set', { key: 'local.driver', value: 'lxd' });
    expect(h.qemu.calls).toContain('suspend web');
    await h.call('instances.launch', { name: 'box', image: h.image });
    const back = await h.call('drivers.preview', { driver: 'qemu' });
    expect(back.items).toEqual([
      { name: 'box', action: 'stop', side: 'leaving' },
      { name: 'web', action: 'start', side: 'entering' },
    ]);
    await h.call('settings.set', { key: 'local.driver', value: 'qemu' });
    expect(h.lxd.calls).toContain('shutdown box');
    expect((await h.call('instances.info', { name: 'web' })).state).toBe('running');
    expect((await h.call('instances.info', { name: 'idle' })).state).toBe('stopped');
    await h.call('settings.set', { key: 'local.driver', value: 'lxd' });
    expect((await h.call('instances.info', { name: 'box' })).state).toBe('running');
  });

  it('hides instances on a switch and never deletes them', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    await h.call('settings.set', { key: 'local.driver', value: 'lxd' });
    const folder = join(layout.scopeDir(h.dataDir, 'qemu'), 'instances');
    expect(await readdir(folder)).toEqual(['web']);
    expect(h.qemu.calls).not.toContain('destroy web');
  });

  it('shares one scope between QEMU and libvirt on Linux', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    await h.call('instances.stop', { name: 'web' });
    await h.call('settings.set', { key: 'local.driver', value: 'libvirt' });
    const listed = await h.call('instances.list', {});
    expect(listed).toMatchObject({ driver: 'libvirt', scope: 'qemu' });
    expect(listed.instances.map((i) => i.name)).toEqual(['web']);
  });

  it('refuses what the active driver cannot do, before any side effect', async () => {
    await h.call('settings.set', { key: 'local.driver', value: 'lxd' });
    await h.call('instances.launch', { name: 'box', image: h.image });
    const calls = [...h.lxd.calls];
    const suspend = await rejection(h.call('instances.suspend', { name: 'box' }));
    expect(suspend).toMatchObject({ code: 'UNSUPPORTED' });
    expect(suspend.message).toContain('Suspend is not supported by the LXD driver');
    await h.call('instances.stop', { name: 'box' });
    const snapshot = await rejection(h.call('snapshots.take', { instance: 'box' }));
    expect(snapshot.message).toContain('Snapshots are not supported by the LXD driver');
    expect(h.lxd.calls).toEqual([...calls, 'shutdown box']);
  });

  it('lists every Linux driver with its scope size and marks', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    const drivers = await h.call('drivers.list', {});
    expect(drivers.map((d) => d.id)).toEqual(['qemu', 'libvirt', 'lxd']);
    const qemu = drivers.find((d) => d.id === 'qemu');
    expect(qemu).toMatchObject({ isDefault: true, isActive: true, instanceCount: 1 });
    expect(drivers.find((d) => d.id === 'libvirt')).toMatchObject({
      scope: 'qemu',
      instanceCount: 1,
    });
  });

  it('moves a corrupt scope file aside, reports it by name, and keeps other scopes', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    await h.call('settings.set', { key: 'local.driver', value: 'lxd' });
    await h.call('instances.launch', { name: 'box', image: h.image });
    await h.call('settings.set', { key: 'local.driver', value: 'qemu' });
    const file = layout.scopeFile(h.dataDir, 'qemu');
    await h.core.close();
    await writeFile(file, '{"version": 1, "scope": "qemu", "instan');
    await writeFile(`${file}.bak`, 'also broken');
    await h.reopen();
    const problem = h.events.find((e) => e.event === 'scope.problem');
    expect(JSON.stringify(problem ?? h.core.core.runtime().deps.store.problem)).toContain(
      'instances.json',
    );
    const files = await readdir(layout.scopeDir(h.dataDir, 'qemu'));
    expect(files.some((f) => f.includes('.corrupt-'))).toBe(true);
    await h.call('settings.set', { key: 'local.driver', value: 'lxd' });
    expect((await h.call('instances.list', {})).instances.map((i) => i.name)).toEqual(['box']);
    JSON.parse(await readFile(layout.scopeFile(h.dataDir, 'lxd'), 'utf8'));
  });
});
