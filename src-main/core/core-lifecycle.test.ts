import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CoreHarness, openHarness, rejection } from './testing/core-harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.dispose();
});

describe('instance lifecycle through the contract (fake driver)', () => {
  it('launches, stops, starts, suspends and resumes an instance', async () => {
    const launched = await h.call('instances.launch', { name: 'web', image: h.image });
    expect(launched).toMatchObject({ name: 'web', state: 'running', ipv4: ['10.0.2.15'] });
    expect((await h.call('instances.stop', { name: 'web' })).state).toBe('stopped');
    expect((await h.call('instances.start', { name: 'web' })).state).toBe('running');
    expect((await h.call('instances.suspend', { name: 'web' })).state).toBe('suspended');
    expect((await h.call('instances.start', { name: 'web' })).state).toBe('running');
    expect(h.qemu.calls).toEqual([
      'create web',
      'start web',
      'shutdown web',
      'start web',
      'suspend web',
      'start web',
    ]);
  });

  it('refuses to stop a suspended instance unless forced, as Multipass does', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    await h.call('instances.suspend', { name: 'web' });
    const error = await rejection(h.call('instances.stop', { name: 'web' }));
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toContain('Cannot stop suspended instance web');
    expect((await h.call('instances.stop', { name: 'web', force: true })).state).toBe('stopped');
  });

  it('corrects the state at once when the VM exits behind its back', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    h.qemu.crash('web');
    // No polling in the core: the exit event alone moves the state. The wait covers the
    // fsync of the scope file before the change is pushed, which a loaded machine stretches.
    const lastChange = () => h.events.filter((e) => e.event === 'instance.changed').at(-1);
    await vi.waitFor(() => {
      expect(lastChange()?.payload).toMatchObject({ name: 'web', state: 'stopped' });
    }, 2_000);
    expect((await h.call('instances.info', { name: 'web' })).state).toBe('stopped');
  });

  it('re-attaches to a VM that kept running while Berth was closed', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    await h.reopen();
    expect((await h.call('instances.info', { name: 'web' })).state).toBe('running');
    expect(h.qemu.calls).toEqual(['attach web']);
  });

  it('soft-deletes, recovers and purges', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    await h.call('instances.delete', { name: 'web' });
    const listed = await h.call('instances.list', {});
    expect(listed.instances).toEqual([]);
    const all = await h.call('instances.list', { includeDeleted: true });
    expect(all.instances[0]).toMatchObject({ name: 'web', deleted: true, state: 'stopped' });
    const startError = await rejection(h.call('instances.start', { name: 'web' }));
    expect(startError.message).toContain('recover it first');
    await h.call('instances.recover', { name: 'web' });
    await h.call('instances.delete', { name: 'web' });
    expect(await h.call('instances.purge', {})).toEqual({ purged: ['web'] });
    expect((await h.call('instances.list', { includeDeleted: true })).instances).toEqual([]);
    expect(h.qemu.calls).toContain('destroy web');
  });

  it('names snapshots snapshotN and needs a stopped instance', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    const running = await rejection(h.call('snapshots.take', { instance: 'web' }));
    expect(running.message).toContain('Snapshots need a stopped instance');
    await h.call('instances.stop', { name: 'web' });
    await h.call('snapshots.take', { instance: 'web' });
    await h.call('snapshots.take', { instance: 'web', comment: 'before upgrade' });
    await h.call('snapshots.delete', { instance: 'web', snapshot: 'snapshot1' });
    const third = await h.call('snapshots.take', { instance: 'web' });
    expect(third.name).toBe('snapshot3');
    const list = await h.call('snapshots.list', { instance: 'web' });
    expect(list.map((s) => s.name)).toEqual(['snapshot2', 'snapshot3']);
    await h.call('snapshots.restore', { instance: 'web', snapshot: 'snapshot2' });
    const missing = await rejection(
      h.call('snapshots.restore', { instance: 'web', snapshot: 'nope' }),
    );
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('serializes operations on one instance and runs different instances in parallel', async () => {
    await h.call('instances.launch', { name: 'a', image: h.image });
    await h.call('instances.launch', { name: 'b', image: h.image });
    await Promise.all([
      h.call('instances.stop', { name: 'a' }),
      h.call('instances.stop', { name: 'b' }),
    ]);
    h.qemu.startDelayMs = 200;
    const began = Date.now();
    await Promise.all([
      h.call('instances.start', { name: 'a' }),
      h.call('instances.start', { name: 'b' }),
    ]);
    expect(Date.now() - began).toBeLessThan(390);
    const order: string[] = [];
    const first = h.call('instances.stop', { name: 'a' }).then(() => order.push('stop'));
    const second = h.call('instances.start', { name: 'a' }).then(() => order.push('start'));
    await Promise.all([first, second]);
    expect(order).toEqual(['stop', 'start']);
    expect((await h.call('instances.info', { name: 'a' })).state).toBe('running');
  });

  it('reports progress and the outcome of an operation by its id', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image, operationId: 'op-1' });
    const steps = h.events
      .filter((e) => e.event === 'operation.progress')
      .map((e) => (e.payload as { step: string }).step);
    expect(steps).toEqual(['writing-seed', 'booting', 'waiting-for-ssh']);
    const finished = h.events.find((e) => e.event === 'operation.finished');
    expect(finished?.payload).toMatchObject({ operationId: 'op-1', error: null });
  });

  it('lists a running operation with its last step, and forgets it once finished', async () => {
    await h.call('instances.launch', { name: 'web', image: h.image });
    await h.call('instances.stop', { name: 'web' });
    h.qemu.startDelayMs = 200;
    const start = h.call('instances.start', { name: 'web', operationId: 'op-2' });
    await new Promise((r) => setTimeout(r, 50));
    const running = await h.call('operations.list', {});
    expect(running).toMatchObject([{ operationId: 'op-2', instance: 'web', kind: 'start' }]);
    await start;
    expect(await h.call('operations.list', {})).toEqual([]);
  });

  it('suggests a name that no instance of the scope has', async () => {
    const { name } = await h.call('instances.suggestName', {});
    expect(name).toMatch(/^[a-z]+-[a-z]+$/);
    expect((await h.call('instances.list', {})).instances).toEqual([]);
  });
});
