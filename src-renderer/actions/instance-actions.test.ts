import { describe, expect, it } from 'vitest';
import type { InstanceInfo } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import { createBerth } from '../stores/berth';
import { FakeTransport } from '../testing/fake-transport';
import { fakeInstance } from '../testing/fixtures';
import { runInstanceAction } from './instance-actions';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A reply the test releases by hand. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

async function setup(instance: InstanceInfo) {
  const fake = new FakeTransport({ instances: [instance] });
  const berth = createBerth(fake);
  await flush();
  return { fake, berth, pending: () => berth.pending.getState().byName[instance.name] };
}

describe('an action in progress', () => {
  it('stays in progress until the instance is seen running, not when sent', async () => {
    const { fake, berth, pending } = await setup(fakeInstance('web'));
    const reply = deferred<InstanceInfo>();
    fake.handle('instances.start', () => reply.promise);

    const done = runInstanceAction(berth, 'web', 'start');
    expect(pending()?.action).toBe('start');
    fake.emit('instance.changed', fakeInstance('web', { state: 'starting' }));
    expect(pending()?.action).toBe('start');

    fake.emit('instance.changed', fakeInstance('web', { state: 'running' }));
    expect(pending()).toBeUndefined();
    reply.resolve(fakeInstance('web', { state: 'running' }));
    await done;
    expect(berth.instances.getState().byName.web?.state).toBe('running');
  });

  it('keeps waiting when the reply comes back while the instance is still on its way', async () => {
    const { fake, berth, pending } = await setup(fakeInstance('web'));
    fake.handle('instances.start', () => fakeInstance('web', { state: 'starting' }));

    await runInstanceAction(berth, 'web', 'start');
    expect(pending()?.action).toBe('start');
    fake.emit('instance.changed', fakeInstance('web', { state: 'running' }));
    expect(pending()).toBeUndefined();
  });

  it('for a restart, waits for the instance to leave running and come back', async () => {
    const { fake, berth, pending } = await setup(fakeInstance('web', { state: 'running' }));
    const reply = deferred<InstanceInfo>();
    fake.handle('instances.restart', () => reply.promise);

    const done = runInstanceAction(berth, 'web', 'restart');
    fake.emit('instance.changed', fakeInstance('web', { state: 'running', ipv4: ['10.0.0.2'] }));
    expect(pending()?.action).toBe('restart');
    fake.emit('instance.changed', fakeInstance('web', { state: 'restarting' }));
    fake.emit('instance.changed', fakeInstance('web', { state: 'running' }));
    expect(pending()).toBeUndefined();
    reply.resolve(fakeInstance('web', { state: 'running' }));
    await done;
  });

  it('ends when the request fails, with the error and its details in a notification', async () => {
    const { fake, berth, pending } = await setup(fakeInstance('web'));
    fake.handle('instances.start', () => {
      throw new BerthError('HYPERVISOR_ERROR', 'QEMU exited', ['qemu: cannot open disk']);
    });

    await runInstanceAction(berth, 'web', 'start');
    expect(pending()).toBeUndefined();
    const [notice] = berth.notifications.getState().items;
    expect(notice).toMatchObject({
      title: 'Start of web failed',
      message: 'QEMU exited',
      details: ['qemu: cannot open disk'],
    });
  });

  it('sends a forced stop for Force stop and a plain one for Stop', async () => {
    const { fake, berth } = await setup(fakeInstance('web', { state: 'running' }));
    fake.handle('instances.stop', (p) => fakeInstance(p.name, { state: 'stopped' }));
    await runInstanceAction(berth, 'web', 'stop');
    await runInstanceAction(berth, 'web', 'force-stop');
    const [plain, forced] = fake.callsOf('instances.stop');
    expect(plain?.force).toBeUndefined();
    expect(forced?.force).toBe(true);
    expect(plain?.operationId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('ends a delete once the instance is seen deleted', async () => {
    const { fake, berth, pending } = await setup(fakeInstance('web'));
    fake.handle('instances.delete', () => {
      fake.instances = [fakeInstance('web', { deleted: true })];
      return { ok: true };
    });
    await runInstanceAction(berth, 'web', 'delete');
    expect(pending()).toBeUndefined();
    expect(berth.instances.getState().byName.web?.deleted).toBe(true);
  });
});
