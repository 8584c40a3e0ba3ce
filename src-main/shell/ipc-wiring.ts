/**
 * The main process's side of the window's IPC: one handler per contract method, registered in
 * one loop, each checking the sender and the params before dispatching; and the event stream,
 * gated until the page says it is ready.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Logger } from '../core/logger';
import type { Dispatcher, DispatchOutcome } from '../transports/dispatcher';
import { createEventGate, type EventGate } from './event-gate';
import {
  checkParams,
  INVOKABLE_METHODS,
  IPC_CHANNELS,
  invokeChannel,
  refusedSenderEnvelope,
  type SenderFacts,
  senderRefusal,
} from './ipc-contract';
import { isAppUrl } from './navigation-policy';

/** The window the IPC serves, as far as the checks need it. */
export interface IpcWindow {
  /** The window's webContents, or null while there is none. */
  webContents(): WebContents | null;
}

/** Registers the handlers; returns the function that removes them. */
export function wireIpc(
  ipcMain: IpcMain,
  dispatcher: Dispatcher,
  window: IpcWindow,
  log: Logger,
): () => void {
  const gate = eventGateFor(window);
  const refusal = (facts: SenderFacts): string | null =>
    senderRefusal(facts, { webContentsId: window.webContents()?.id ?? null, isAppUrl });

  for (const method of INVOKABLE_METHODS) {
    ipcMain.handle(invokeChannel(method), async (event, params: unknown) => {
      const refused = refusal(senderOf(event));
      if (refused) {
        log.warn('IPC request refused', { method, reason: refused });
        return { ok: false, error: refusedSenderEnvelope(refused) } satisfies DispatchOutcome;
      }
      const checked = checkParams(method, params);
      if (!checked.ok) return checked;
      return dispatcher.dispatch(method, checked.params);
    });
  }

  const onReady = (event: IpcMainEvent): void => {
    const refused = refusal(senderOf(event));
    if (refused) log.warn('IPC ready refused', { reason: refused });
    else gate.open();
  };
  ipcMain.on(IPC_CHANNELS.ready, onReady);
  const unsubscribe = dispatcher.subscribe((event, payload) => gate.push({ event, payload }));

  return () => {
    unsubscribe();
    ipcMain.removeListener(IPC_CHANNELS.ready, onReady);
    for (const method of INVOKABLE_METHODS) ipcMain.removeHandler(invokeChannel(method));
  };
}

/** The gate in front of the window; a reload or a crash closes it until ready comes again. */
function eventGateFor(window: IpcWindow): EventGate {
  const gate = createEventGate((frame) => {
    const contents = window.webContents();
    if (contents && !contents.isDestroyed()) contents.send(IPC_CHANNELS.event, frame);
  });
  let watched: WebContents | null = null;
  const rewatch = (): void => {
    const contents = window.webContents();
    if (!contents || contents === watched) return;
    watched = contents;
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) gate.close();
    });
    contents.on('render-process-gone', () => gate.close());
  };
  return {
    ...gate,
    open: () => {
      rewatch();
      gate.open();
    },
  };
}

function senderOf(event: IpcMainInvokeEvent | IpcMainEvent): SenderFacts {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? '',
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}
