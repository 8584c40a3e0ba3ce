/**
 * The one main window, made by one short recipe: options, create, guard, load, show when
 * ready, remember its bounds. Everything it allows or refuses is decided in
 * navigation-policy.ts and window-options.ts.
 */
import { BrowserWindow, type Session, screen, shell } from 'electron';
import type { Logger } from '../core/logger';
import {
  APP_INDEX_URL,
  navigationVerdict,
  permissionAllowed,
  windowOpenVerdict,
} from './navigation-policy';
import { windowOptions } from './window-options';
import { readWindowState, stateOfWindow, writeWindowState } from './window-state';

/** What the window needs from the shell. */
export interface MainWindowInput {
  preloadPath: string;
  /** `<data>/window-state.json`. */
  statePath: string;
  log: Logger;
}

/** How long bounds must stay still before they are written, in ms. */
const SAVE_DELAY_MS = 500;

/** Creates the window hidden, loads the app, and shows it once it has painted. */
export async function createMainWindow(input: MainWindowInput): Promise<BrowserWindow> {
  const saved = await readWindowState(input.statePath, input.log);
  const displays = screen.getAllDisplays();
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...displays.filter((d) => d.id !== primary.id)].map(
    (d) => d.workArea,
  );
  const options = windowOptions({
    preloadPath: input.preloadPath,
    saved,
    workAreas,
    backgroundColor: '#1d232a',
  });

  const window = new BrowserWindow(options);
  guardContents(window, input.log);
  rememberBounds(window, input.statePath, input.log);
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  await window.loadURL(APP_INDEX_URL);
  return window;
}

/** Denies new windows, navigation away and permissions, for this window's page. */
function guardContents(window: BrowserWindow, log: Logger): void {
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (windowOpenVerdict(url) === 'open-external') openExternally(url, log);
    else log.warn('window.open denied', { url });
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const verdict = navigationVerdict(event.url);
    if (verdict === 'allow') return;
    event.preventDefault();
    if (verdict === 'open-external') openExternally(event.url, log);
    else log.warn('navigation denied', { url: event.url });
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  denyPermissions(contents.session, log);
}

/** Every permission request and check is refused unless allow-listed (the list is empty). */
export function denyPermissions(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const allowed = permissionAllowed(permission);
    if (!allowed) log.info('permission denied', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
}

function openExternally(url: string, log: Logger): void {
  shell.openExternal(url).catch((error: unknown) => {
    log.warn('could not open link in the browser', { url, error: String(error) });
  });
}

/** Writes the bounds a moment after the last move or resize, and on close. */
function rememberBounds(window: BrowserWindow, path: string, log: Logger): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = (): void => {
    if (window.isDestroyed()) return;
    const state = stateOfWindow({
      normalBounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    });
    writeWindowState(path, state).catch((error: unknown) => {
      log.warn('could not remember the window bounds', { error: String(error) });
    });
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });
}
