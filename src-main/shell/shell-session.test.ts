import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger';
import { createFakeCore, fakeDriver, fakeInstance } from '../transports/testing/fake-core';
import { runningInstances, trayFacts } from './shell-facts';
import { openShellSession } from './shell-session';

async function open() {
  const core = createFakeCore({ 'drivers.list': async () => [fakeDriver()] });
  core.instances.set('web', fakeInstance('web', { state: 'running' }));
  core.instances.set('db', fakeInstance('db'));
  const session = await openShellSession(core.dispatcher, silentLogger);
  return { core, session };
}

describe('the shell’s own view of the core', () => {
  it('starts from a full fetch of instances, drivers and settings', async () => {
    const { session } = await open();
    const facts = session.facts();
    expect(facts.instances.map((i) => i.name).sort()).toEqual(['db', 'web']);
    expect(facts.drivers.map((d) => d.id)).toEqual(['qemu']);
    expect(facts.settings['local.driver']).toBe('qemu');
    expect(runningInstances(facts).map((i) => i.name)).toEqual(['web']);
    expect(trayFacts(facts).primaryName).toBe('primary');
  });

  it('follows instance and operation events, telling its listeners each time', async () => {
    const { core, session } = await open();
    const causes: (string | null)[] = [];
    session.onChange((_facts, cause) => causes.push(cause?.event ?? null));

    core.emit('instance.changed', fakeInstance('db', { state: 'starting' }));
    const progress = { operationId: 'op', instance: 'db', kind: 'start', step: '', message: '' };
    core.emit('operation.progress', progress);
    expect(session.facts().operations).toEqual([
      { operationId: 'op', instance: 'db', kind: 'start' },
    ]);

    core.emit('operation.finished', {
      operationId: 'op',
      instance: 'db',
      kind: 'start',
      error: null,
    });
    core.emit('instance.removed', { scope: 'qemu', name: 'web' });
    expect(session.facts().operations).toEqual([]);
    expect(session.facts().instances.map((i) => [i.name, i.state])).toEqual([['db', 'starting']]);
    expect(causes).toEqual([
      'instance.changed',
      'operation.progress',
      'operation.finished',
      'instance.removed',
    ]);
  });

  it('remembers a failure for the tray icon until the window is seen', async () => {
    const { core, session } = await open();
    const error = { code: 'TIMEOUT' as const, message: 'no SSH' };
    core.emit('operation.finished', { operationId: 'op', instance: 'db', kind: 'start', error });
    expect(session.facts().unseenFailure).toBe(true);
    session.acknowledgeFailures();
    expect(session.facts().unseenFailure).toBe(false);
  });

  it('does not count a cancelled operation as a failure', async () => {
    const { core, session } = await open();
    const error = { code: 'CANCELLED' as const, message: 'cancelled' };
    core.emit('operation.finished', { operationId: 'op', instance: 'db', kind: 'start', error });
    expect(session.facts().unseenFailure).toBe(false);
  });

  it('keeps settings current and ignores events it cannot parse', async () => {
    const { core, session } = await open();
    core.emit('settings.changed', { key: 'client.quit-action', value: 'stop' });
    core.emit('instance.changed', { name: 'broken' });
    expect(session.facts().settings['client.quit-action']).toBe('stop');
    expect(session.facts().instances).toHaveLength(2);
  });

  it('fetches everything again after a driver switch', async () => {
    const { core, session } = await open();
    core.instances.set('new', fakeInstance('new'));
    core.emit('driver.switched', { from: 'qemu', to: 'lxd' });
    await expect.poll(() => session.facts().instances.length).toBe(3);
  });
});
