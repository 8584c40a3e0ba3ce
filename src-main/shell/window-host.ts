/**
 * Keeps the one main window: creates it on demand, brings it forward, and forgets it when it
 * closes (Berth keeps running in the tray; "Open Berth" makes a new one). The IPC wiring asks
 * it for the current page.
 */
import type { BrowserWindow } from 'electron';
import type { ShellPage } from '../../src-shared/preload-api';
import type { Logger } from '../core/logger';
import { IPC_CHANNELS } from './ipc-contract';
import type { PageLike } from './ipc-wiring';
import { createMainWindow } from './main-window';

/** What the host needs to make windows. */
export interface WindowHostInput {
  preloadPath: string;
  iconPath: string;
  statePath: string;
  onPageGone(): void;
  /** The user is looking at the window (shown or focused). */
  onSeen(): void;
  log: Logger;
}

/** The main window's keeper. */
export interface WindowHost {
  /** Creates the window if needed, shows and focuses it, and asks the page for `page`. */
  show(page: ShellPage): Promise<void>;
  /** Creates the window without showing it (started at login), so IPC has a page. */
  prepare(): Promise<void>;
  /** The window's page for IPC, or null while there is no window. */
  page(): PageLike | null;
  /** True when the window is on screen and not minimised. */
  isVisible(): boolean;
  /** The window itself, for the e2e suite; null while there is none. */
  window(): BrowserWindow | null;
  close(): void;
}

/** A host with no window yet. */
export function createWindowHost(input: WindowHostInput): WindowHost {
  let current: BrowserWindow | null = null;
  let creating: Promise<BrowserWindow> | null = null;

  const ensure = (showWhenReady: boolean): Promise<BrowserWindow> => {
    if (current && !current.isDestroyed()) return Promise.resolve(current);
    creating ??= createMainWindow({ ...input, showWhenReady })
      .then((window) => {
        current = window;
        window.on('closed', () => {
          if (current === window) current = null;
        });
        window.on('show', input.onSeen);
        window.on('focus', input.onSeen);
        return window;
      })
      .finally(() => {
        creating = null;
      });
    return creating;
  };

  return {
    async show(page) {
      const window = await ensure(true);
      if (window.isMinimized()) window.restore();
      // A window still painting shows its background colour for a moment, never white.
      window.show();
      window.focus();
      if (page === 'instances') return;
      const ask = () => window.webContents.send(IPC_CHANNELS.showPage, page);
      // The page listens once its scripts have run; a page still loading is asked after.
      if (window.webContents.isLoading()) window.webContents.once('did-finish-load', ask);
      else ask();
    },
    prepare: async () => {
      await ensure(false);
    },
    page: () => (current && !current.isDestroyed() ? current.webContents : null),
    isVisible: () =>
      current !== null && !current.isDestroyed() && current.isVisible() && !current.isMinimized(),
    window: () => current,
    close() {
      current?.destroy();
      current = null;
    },
  };
}
