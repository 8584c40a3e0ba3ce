/**
 * QEMU and libvirt share one scope on Linux but not their saved-memory formats: switching
 * between them parks by stopping, and an instance suspended by one is resumed only by it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { missingCapabilityReason } from '../../src-shared/capabilities';
import { type CoreHarness, openHarness, rejection } from './testing/core-harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.dispose();
});

const useDriver = (value: string) => h.call('settings.set', { key: 'local.driver', value });

describe('the scope QEMU and libvirt share (fake drivers)', () => {
  it('parks a running instance by stopping it, and libvirt boots the same one', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });

    const preview = await h.call('drivers.preview', { driver: 'libvirt' });
    expect(preview).toMatchObject({ sameScope: true });
    expect(preview.items).toEqual([
      { name: 'web', action: 'stop', side: 'leaving' },
      { name: 'web', action: 'start', side: 'entering' },
    ]);
    expect(preview.summary).toContain('libvirt cannot resume memory QEMU saves');

    await useDriver('libvirt');
    expect(h.qemu.calls).toContain('shutdown web');
    expect(h.qemu.calls).not.toContain('suspend web');
    expect(h.libvirt.calls).toContain('start web');
    const web = await h.call('instances.info', { name: 'web' });
    expect(web).toMatchObject({ scope: 'qemu', state: 'running', resumeOnReturn: false });
  });

  it('leaves memory QEMU saved for QEMU to resume', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    await h.call('instances.suspend', { name: 'web' });
    await useDriver('libvirt');

    expect((await h.call('instances.info', { name: 'web' })).state).toBe('suspended');
    const start = await rejection(h.call('instances.start', { name: 'web' }));
    expect(start).toMatchObject({ code: 'INVALID_STATE' });
    expect(start.message).toContain('suspended by the QEMU driver');
    const stop = await rejection(h.call('instances.stop', { name: 'web', force: true }));
    expect(stop).toMatchObject({ code: 'INVALID_STATE' });
    expect(h.libvirt.calls.filter((c) => c !== 'attach web')).toEqual([]);

    await useDriver('qemu');
    await h.call('instances.start', { name: 'web' });
    expect((await h.call('instances.info', { name: 'web' })).state).toBe('running');
  });

  it('leaves memory libvirt saved for libvirt to resume', async () => {
    await useDriver('libvirt');
    await h.call('instances.launch', { name: 'db', image: h.image });
    await h.call('instances.suspend', { name: 'db' });
    await useDriver('qemu');

    const start = await rejection(h.call('instances.start', { name: 'db' }));
    expect(start.message).toContain('suspended by the libvirt driver');
    expect(h.qemu.calls).not.toContain('start db');

    await useDriver('libvirt');
    await h.call('instances.start', { name: 'db' });
    expect((await h.call('instances.info', { name: 'db' })).state).toBe('running');
    // Resumed: the saved memory is used up, so QEMU may run it again after a stop.
    await h.call('instances.stop', { name: 'db' });
    await useDriver('qemu');
    await h.call('instances.start', { name: 'db' });
    expect(h.qemu.calls).toContain('start db');
  });

  it('leaves an instance parked by QEMU for QEMU when coming back through libvirt', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    await useDriver('lxd');
    const preview = await h.call('drivers.preview', { driver: 'libvirt' });
    expect(preview.items).toEqual([]);

    await useDriver('libvirt');
    expect(await h.call('instances.info', { name: 'web' })).toMatchObject({
      state: 'suspended',
      resumeOnReturn: true,
    });
    expect(h.libvirt.calls).not.toContain('start web');

    await useDriver('qemu');
    expect((await h.call('instances.info', { name: 'web' })).state).toBe('running');
    expect(h.qemu.calls.filter((c) => c === 'start web')).toHaveLength(2);
  });

  it('refuses snapshots under libvirt with the matrix reason, touching nothing', async () => {
    await useDriver('libvirt');
    await h.call('instances.launch', { name: 'web', image: h.image });
    const calls = [...h.libvirt.calls];
    const refused = await rejection(h.call('snapshots.take', { instance: 'web' }));
    expect(refused).toMatchObject({ code: 'UNSUPPORTED' });
    expect(refused.message).toContain(missingCapabilityReason('libvirt', 'snapshots'));
    expect(h.libvirt.calls).toEqual(calls);
  });
});
