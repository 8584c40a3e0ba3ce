import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../core/logger';
import { createFakeCore, fakeInstance } from '../transports/testing/fake-core';
import { IPC_CHANNELS, invokeChannel } from './ipc-contract';
import { type FrameLike, type IpcEventLike, type IpcMainLike, wireIpc } from './ipc-wiring';
import { APP_INDEX_URL } from './navigation-policy';

type Handler = (event: IpcEventLike, ...args: unknown[]) => unknown;
type Listener = (event: IpcEventLike) => void;

/** An ipcMain that keeps its handlers so the test can play the renderer. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const invoke = (event: IpcEventLike, method: string, params: unknown) => {
    const handler = handlers.get(`berth:invoke:${method}`);
    if (!handler) throw new Error(`no handler for ${method}`);
    return handler(event, params);
  };
  const send = (event: IpcEventLike, channel: string) => {
    for (const listener of listeners.get(channel) ?? []) listener(event);
  };
  return { ipc, handlers, listeners, invoke, send };
}

const top: FrameLike = { url: APP_INDEX_URL, parent: null };
const fromWindow: IpcEventLike = { sender: { id: 7 }, senderFrame: top };

function setup() {
  const core = createFakeCore();
  const main = fakeIpcMain();
  const sent: unknown[][] = [];
  const page = { id: 7, isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) };
  const sink = memorySink();
  const wired = wireIpc(main.ipc, core.dispatcher, { page: () => page }, createLogger(sink));
  return { core, main, sent, sink, wired };
}

describe('the window IPC', () => {
  it('registers exactly one handler per contract method', () => {
    const { main } = setup();
    expect(main.handlers.has(invokeChannel('instances.list'))).toBe(true);
    expect(main.handlers.has(invokeChannel('settings.set'))).toBe(true);
    expect([...main.handlers.keys()].every((c) => c.startsWith('berth:invoke:'))).toBe(true);
  });

  it('answers a request from Berth’s own page with the core’s result', async () => {
    const { core, main } = setup();
    core.instances.set('web', fakeInstance('web', { state: 'running' }));
    const outcome = await main.invoke(fromWindow, 'instances.list', {});
    expect(outcome).toMatchObject({ ok: true, result: { instances: [{ name: 'web' }] } });
  });

  it('refuses another webContents, and the core never sees the request', async () => {
    const { core, main, sink } = setup();
    const stranger = { sender: { id: 8 }, senderFrame: top };
    const outcome = await main.invoke(stranger, 'instances.list', {});
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(outcome)).toContain("webContents 8 is not Berth's window");
    expect(core.dispatched).toEqual([]);
    expect(sink.lines.some((l) => l.includes('IPC request refused'))).toBe(true);
  });

  it('refuses a subframe of Berth’s page', async () => {
    const { core, main } = setup();
    const iframe = { sender: { id: 7 }, senderFrame: { url: APP_INDEX_URL, parent: top } };
    const outcome = await main.invoke(iframe, 'instances.stop', { name: 'web' });
    expect(JSON.stringify(outcome)).toContain('subframes are refused');
    expect(core.dispatched).toEqual([]);
  });

  it('refuses the window once it has navigated to another page', async () => {
    const { core, main } = setup();
    const away = { sender: { id: 7 }, senderFrame: { url: 'https://evil.test/', parent: null } };
    const outcome = await main.invoke(away, 'instances.delete', { name: 'web' });
    expect(JSON.stringify(outcome)).toContain("https://evil.test/ is not Berth's page");
    expect(core.dispatched).toEqual([]);
  });

  it('refuses a sender whose frame is gone', async () => {
    const { main } = setup();
    const gone = { sender: { id: 7 }, senderFrame: null };
    const outcome = await main.invoke(gone, 'instances.list', {});
    expect(outcome).toMatchObject({ ok: false });
  });

  it('rejects params the schema refuses, naming the field, before the core', async () => {
    const { core, main } = setup();
    const outcome = await main.invoke(fromWindow, 'instances.start', { name: 42 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(outcome)).toContain('Invalid request for instances.start: name');
    const extra = await main.invoke(fromWindow, 'instances.list', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(core.dispatched).toEqual([]);
  });

  it('returns the core’s failures in the shared envelope', async () => {
    const { main } = setup();
    const outcome = await main.invoke(fromWindow, 'instances.info', { name: 'nope' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('core events on their way to the window', () => {
  it('holds events until the page is ready, then delivers them in order', () => {
    const { core, main, sent } = setup();
    core.emit('settings.changed', { key: 'client.theme', value: 'dark' });
    core.emit('instance.removed', { scope: 'qemu', name: 'old' });
    expect(sent).toEqual([]);

    main.send(fromWindow, IPC_CHANNELS.ready);
    expect(sent.map(([, frame]) => (frame as { event: string }).event)).toEqual([
      'settings.changed',
      'instance.removed',
    ]);
    core.emit('instance.removed', { scope: 'qemu', name: 'later' });
    expect(sent).toHaveLength(3);
    expect(sent[2]?.[0]).toBe(IPC_CHANNELS.event);
  });

  it('ignores a ready from anyone but the window', () => {
    const { core, main, sent } = setup();
    main.send({ sender: { id: 99 }, senderFrame: top }, IPC_CHANNELS.ready);
    core.emit('instance.removed', { scope: 'qemu', name: 'x' });
    expect(sent).toEqual([]);
  });

  it('holds events again after the page goes away, until the new page is ready', () => {
    const { core, main, sent, wired } = setup();
    main.send(fromWindow, IPC_CHANNELS.ready);
    wired.pageGone();
    core.emit('instance.removed', { scope: 'qemu', name: 'during-reload' });
    expect(sent).toEqual([]);
    main.send(fromWindow, IPC_CHANNELS.ready);
    expect(sent).toHaveLength(1);
  });

  it('does not replay to a new page what only the old one missed', () => {
    const { core, main, sent, wired } = setup();
    core.emit('instance.removed', { scope: 'qemu', name: 'before-the-new-page' });
    wired.pageGone();
    main.send(fromWindow, IPC_CHANNELS.ready);
    expect(sent).toEqual([]);
  });

  it('removes every handler and listener on dispose', () => {
    const { core, main, sent, wired } = setup();
    wired.dispose();
    expect(main.handlers.size).toBe(0);
    expect(main.listeners.get(IPC_CHANNELS.ready)?.size ?? 0).toBe(0);
    core.emit('instance.removed', { scope: 'qemu', name: 'x' });
    expect(sent).toEqual([]);
  });
});
