/**
 * The main process's side of the window's IPC: one handler per contract method, registered in
 * one loop, each checking the sender and the params before dispatching; and the event stream,
 * gated until the page says it is ready. It takes an ipcMain-like object rather than importing
 * Electron, so the checks are tested in Node with a fake.
 */
import type { Logger } from '../core/logger';
import type { Dispatcher, DispatchOutcome } from '../transports/dispatcher';
import { createEventGate } from './event-gate';
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

/** The part of a frame the sender check reads (Electron's WebFrameMain). */
export interface FrameLike {
  url: string;
  /** The parent frame; null for a page's top frame. */
  parent: FrameLike | null;
}

/** The part of an IPC event the sender check reads (IpcMainEvent, IpcMainInvokeEvent). */
export interface IpcEventLike {
  sender: { id: number };
  /** Null when the frame has navigated away or gone since it sent the message. */
  senderFrame: FrameLike | null;
}

/** The part of Electron's ipcMain the wiring uses; tests pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike) => void): unknown;
}

/** The part of a webContents the event stream sends to. */
export interface PageLike {
  id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** The window the IPC serves, as far as the checks need it. */
export interface IpcWindow {
  /** The window's page, or null while there is no window. */
  page(): PageLike | null;
}

/** The wired IPC. */
export interface WiredIpc {
  /**
   * The page went away (navigation, reload, crash, window closed): hold events again until
   * the next page says it is ready. What the old page missed is dropped: the next page
   * fetches the whole state when it starts.
   */
  pageGone(): void;
  /** Removes every handler and stops forwarding events. */
  dispose(): void;
}

/** Registers the handlers on `ipcMain` and forwards the dispatcher's events through a gate. */
export function wireIpc(
  ipcMain: IpcMainLike,
  dispatcher: Dispatcher,
  window: IpcWindow,
  log: Logger,
): WiredIpc {
  const gate = createEventGate((frame) => {
    const page = window.page();
    if (page && !page.isDestroyed()) page.send(IPC_CHANNELS.event, frame);
  });
  const refusal = (event: IpcEventLike): string | null =>
    senderRefusal(senderOf(event), { webContentsId: window.page()?.id ?? null, isAppUrl });

  for (const method of INVOKABLE_METHODS) {
    ipcMain.handle(invokeChannel(method), async (event, params): Promise<DispatchOutcome> => {
      const refused = refusal(event);
      if (refused) {
        log.warn('IPC request refused', { method, reason: refused });
        return { ok: false, error: refusedSenderEnvelope(refused) };
      }
      const checked = checkParams(method, params);
      if (!checked.ok) return checked;
      return dispatcher.dispatch(method, checked.params);
    });
  }

  const onReady = (event: IpcEventLike): void => {
    const refused = refusal(event);
    if (refused) log.warn('IPC ready refused', { reason: refused });
    else gate.open();
  };
  ipcMain.on(IPC_CHANNELS.ready, onReady);
  const unsubscribe = dispatcher.subscribe((event, payload) => gate.push({ event, payload }));

  return {
    pageGone: () => gate.reset(),
    dispose() {
      unsubscribe();
      ipcMain.removeListener(IPC_CHANNELS.ready, onReady);
      for (const method of INVOKABLE_METHODS) ipcMain.removeHandler(invokeChannel(method));
    },
  };
}

function senderOf(event: IpcEventLike): SenderFacts {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? '',
    isMainFrame: frame !== null && frame.parent === null,
  };
}
