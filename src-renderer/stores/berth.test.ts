import { describe, expect, it } from 'vitest';
import { fakeRemote } from '../testing/fake-extras';
import { FakeTransport } from '../testing/fake-transport';
import { fakeInstance } from '../testing/fixtures';
import { createBerth } from './berth';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function loaded(fake = new FakeTransport()) {
  const berth = createBerth(fake);
  await flush();
  return { berth, fake };
}

describe('the window stores', () => {
  it('load the scope, drivers, settings and running operations once connected', async () => {
    const fake = new FakeTransport({ status: 'connecting', instances: [fakeInstance('web')] });
    fake.handle('operations.list', () => [
      {
        operationId: 'op-1',
        instance: 'web',
        kind: 'start',
        step: 'booting',
        message: 'Booting web',
        startedAt: '2026-01-01T00:00:00Z',
      },
    ]);
    const berth = createBerth(fake);
    await flush();
    expect(fake.calls).toHaveLength(0);

    fake.setStatus('open');
    await flush();
    expect(Object.keys(berth.instances.getState().byName)).toEqual(['web']);
    expect(berth.instances.getState().driver).toBe('qemu');
    expect(berth.drivers.getState().drivers.map((d) => d.id)).toContain('lxd');
    expect(berth.settings.getState().values['client.theme']).toBe('system');
    expect(berth.operations.getState().running['op-1']?.steps[0]?.step).toBe('booting');
  });

  it('apply instance events of the active scope and ignore other scopes', async () => {
    const { berth, fake } = await loaded(new FakeTransport({ instances: [fakeInstance('web')] }));
    fake.emit('instance.changed', fakeInstance('web', { state: 'running' }));
    fake.emit('instance.changed', fakeInstance('db', { scope: 'lxd' }));
    expect(berth.instances.getState().byName.web?.state).toBe('running');
    expect(berth.instances.getState().byName.db).toBeUndefined();

    fake.emit('instance.removed', { scope: 'lxd', name: 'web' });
    expect(berth.instances.getState().byName.web).toBeDefined();
    fake.emit('instance.removed', { scope: 'qemu', name: 'web' });
    expect(berth.instances.getState().byName.web).toBeUndefined();
  });

  it('keeps a change that arrives while an older list is on its way', async () => {
    const { berth, fake } = await loaded(new FakeTransport({ instances: [fakeInstance('web')] }));
    let answer: () => void = () => undefined;
    const stale = {
      driver: 'qemu' as const,
      target: 'qemu',
      scope: 'qemu',
      instances: [fakeInstance('web')],
    };
    fake.handle('instances.list', () => new Promise((resolve) => (answer = () => resolve(stale))));

    const refetch = berth.refreshInstances();
    fake.emit('instance.changed', fakeInstance('web', { state: 'running' }));
    answer();
    await refetch;
    expect(berth.instances.getState().byName.web?.state).toBe('running');
  });

  it('shows the new scope after driver.switched', async () => {
    const { berth, fake } = await loaded(new FakeTransport({ instances: [fakeInstance('web')] }));
    berth.ui.getState().show({ page: 'instance', name: 'web' });
    fake.driver = 'lxd';
    fake.scope = 'lxd';
    fake.instances = [fakeInstance('box', { scope: 'lxd' })];

    fake.emit('driver.switched', { from: 'qemu', to: 'lxd' });
    await flush();
    expect(berth.instances.getState().scope).toBe('lxd');
    expect(Object.keys(berth.instances.getState().byName)).toEqual(['box']);
    expect(berth.ui.getState().view).toEqual({ page: 'instances' });
  });

  it('marks the connection lost and fetches everything again on reconnect', async () => {
    const { berth, fake } = await loaded(new FakeTransport({ instances: [fakeInstance('web')] }));
    fake.setStatus('lost');
    expect(berth.connection.getState().status).toBe('lost');

    fake.instances = [fakeInstance('web'), fakeInstance('db')];
    const before = fake.callsOf('drivers.list').length;
    fake.setStatus('connecting');
    fake.setStatus('open');
    await flush();
    expect(Object.keys(berth.instances.getState().byName).sort()).toEqual(['db', 'web']);
    expect(fake.callsOf('drivers.list').length).toBe(before + 1);
    expect(fake.callsOf('settings.list').length).toBe(2);
  });

  it('tracks operations from progress to outcome, and notifies failures with details', async () => {
    const { berth, fake } = await loaded();
    const op = { operationId: 'op-9', instance: 'web', kind: 'start' };
    fake.emit('operation.progress', { ...op, step: 'booting', message: 'Booting web' });
    fake.emit('operation.progress', { ...op, step: 'waiting-for-ssh', message: 'Waiting' });
    expect(berth.operations.getState().running['op-9']?.steps.map((s) => s.step)).toEqual([
      'booting',
      'waiting-for-ssh',
    ]);

    const error = { code: 'TIMEOUT' as const, message: 'web did not answer', details: ['tail'] };
    fake.emit('operation.finished', { ...op, error });
    expect(berth.operations.getState().running['op-9']).toBeUndefined();
    expect(berth.operations.getState().recent[0]?.outcome).toBe('failed');
    const [notice] = berth.notifications.getState().items;
    expect(notice).toMatchObject({
      tone: 'error',
      message: 'web did not answer',
      details: ['tail'],
    });
  });

  it('updates settings from settings.changed events', async () => {
    const { berth, fake } = await loaded();
    fake.emit('settings.changed', { key: 'client.theme', value: 'dark' });
    expect(berth.settings.getState().values['client.theme']).toBe('dark');
  });

  it('follows remotes.changed and fetches the drivers (each remote is a target)', async () => {
    const { berth, fake } = await loaded();
    const before = fake.callsOf('drivers.list').length;
    fake.emit('remotes.changed', { remotes: [fakeRemote('lab')] });
    expect(berth.remotes.getState().remotes.map((r) => r.target)).toEqual(['lxd@lab']);
    await flush();
    expect(fake.callsOf('drivers.list').length).toBe(before + 1);
  });
});
