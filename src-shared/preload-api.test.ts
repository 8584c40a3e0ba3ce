import { describe, expect, it } from 'vitest';
import type { ApiEvent } from './api';
import { BerthError } from './errors';
import { createEventRouter } from './event-router';
import {
  type BerthPreloadApi,
  clientFromPreload,
  type InvokeOutcome,
  preloadTransport,
} from './preload-api';

/** A preload stand-in: answers from `answer`, delivers events through a router. */
function fakePreload(answer: (method: string, params: unknown) => unknown) {
  const router = createEventRouter();
  const record = { invoked: [] as string[], ready: 0 };
  const api: BerthPreloadApi = {
    invoke: async (method, params) => {
      record.invoked.push(method);
      return answer(method, params) as InvokeOutcome<typeof method>;
    },
    on: (event, listener) => router.on(event, listener),
    ready: () => {
      record.ready++;
    },
    onShowPage: () => () => undefined,
  };
  const emit = (event: ApiEvent, payload: unknown) => router.deliver(event, payload);
  return { api, record, emit };
}

describe('the client over window.berth', () => {
  it('resolves with the validated result', async () => {
    const { api } = fakePreload(() => ({ ok: true, result: { pid: 1, version: '0.1.0' } }));
    await expect(clientFromPreload(api).call('system.ping', {})).resolves.toEqual({
      pid: 1,
      version: '0.1.0',
    });
  });

  it('rethrows the error envelope as a BerthError with its code', async () => {
    const { api } = fakePreload(() => ({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Instance "x" does not exist' },
    }));
    const call = clientFromPreload(api).call('instances.info', { name: 'x' });
    await expect(call).rejects.toBeInstanceOf(BerthError);
    await expect(call).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stops listening on close and refuses calls after', async () => {
    const { api, emit } = fakePreload(() => ({ ok: true, result: {} }));
    const client = clientFromPreload(api);
    const seen: string[] = [];
    client.on('instance.removed', (e) => seen.push(e.name));
    await client.close();
    emit('instance.removed', { scope: 'qemu', name: 'x' });
    expect(seen).toEqual([]);
    await expect(client.call('system.ping', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('the renderer transport over window.berth', () => {
  it('is open from the start, since the shell hosts the core', () => {
    const { api } = fakePreload(() => ({ ok: true, result: {} }));
    expect(preloadTransport(api).status()).toBe('open');
  });

  it('says ready once, after every listener attached in the same turn', async () => {
    const { api, record } = fakePreload(() => ({ ok: true, result: {} }));
    const transport = preloadTransport(api);
    transport.on('instance.changed', () => undefined);
    transport.on('instance.removed', () => undefined);
    expect(record.ready).toBe(0);
    await Promise.resolve();
    expect(record.ready).toBe(1);
    transport.on('settings.changed', () => undefined);
    await Promise.resolve();
    expect(record.ready).toBe(1);
  });
});
