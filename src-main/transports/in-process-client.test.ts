import { describe, expect, it } from 'vitest';
import { BerthError } from '../../src-shared/errors';
import { createInProcessClient } from './in-process-client';
import { createFakeCore, fakeInstance } from './testing/fake-core';

describe('in-process client', () => {
  it('resolves with results and rejects with the BerthError of the envelope', async () => {
    const core = createFakeCore();
    core.instances.set('web', fakeInstance('web'));
    const client = createInProcessClient(core.dispatcher);

    expect((await client.call('instances.info', { name: 'web' })).name).toBe('web');
    const failure = await client.call('instances.info', { name: 'nope' }).catch((e) => e);
    expect(failure).toBeInstanceOf(BerthError);
    expect(failure).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('delivers valid events until it is closed', async () => {
    const core = createFakeCore();
    const client = createInProcessClient(core.dispatcher);
    const seen: string[] = [];
    client.on('instance.removed', (p) => seen.push(p.name));

    core.emit('instance.removed', { scope: 'qemu', name: 'a' });
    core.emit('instance.removed', { scope: 'qemu' });
    await client.close();
    core.emit('instance.removed', { scope: 'qemu', name: 'b' });

    expect(seen).toEqual(['a']);
    await expect(client.call('system.ping', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
