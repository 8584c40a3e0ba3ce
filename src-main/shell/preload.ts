/**
 * The window's preload, bundled to dist/shell/preload.cjs. Sandboxed preloads may only
 * require 'electron', so everything else is bundled in. It exposes exactly one object,
 * `window.berth` (BerthPreloadApi): requests on their per-method channels, events through the
 * shared router, `ready()`, and the shell's page requests. No ipcRenderer, no Node API,
 * reaches the page: every function below takes plain data and returns plain data.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { eventFrameSchema } from '../../src-shared/api';
import { createEventRouter } from '../../src-shared/event-router';
import type { BerthPreloadApi, InvokeOutcome, ShellPage } from '../../src-shared/preload-api';
import {
  IPC_CHANNELS,
  invokeChannel,
  isInvokableMethod,
  SHELL_PAGES,
  unknownMethodEnvelope,
} from './ipc-contract';

const router = createEventRouter();
const pageListeners = new Set<(page: ShellPage) => void>();

ipcRenderer.on(IPC_CHANNELS.event, (_event: IpcRendererEvent, frame: unknown) => {
  const parsed = eventFrameSchema.safeParse(frame);
  if (parsed.success) router.deliver(parsed.data.event, parsed.data.payload);
});

ipcRenderer.on(IPC_CHANNELS.showPage, (_event: IpcRendererEvent, page: unknown) => {
  const known = SHELL_PAGES.find((p) => p === page);
  if (known) for (const listener of [...pageListeners]) listener(known);
});

const api: BerthPreloadApi = {
  invoke: async (method, params) => {
    // Typed callers cannot get here with a bad name; the page's script still might.
    if (!isInvokableMethod(method)) return { ok: false, error: unknownMethodEnvelope(method) };
    // The main process builds this envelope from the dispatcher's validated outcome.
    const outcome: unknown = await ipcRenderer.invoke(invokeChannel(method), params);
    return outcome as InvokeOutcome<typeof method>;
  },
  on: (event, listener) => router.on(event, listener),
  ready: () => ipcRenderer.send(IPC_CHANNELS.ready),
  onShowPage: (listener) => {
    pageListeners.add(listener);
    return () => {
      pageListeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('berth', api);
