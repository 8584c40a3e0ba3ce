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
  /** The window's icon (Linux and Windows; macOS takes the app bundle's). */
  iconPath: string;
  /** `<data>/window-state.json`. */
  statePath: string;
  /** Show the window once it has painted; false keeps it hidden (started at login). */
  showWhenReady: boolean;
  /** The page went away (navigation, reload, crash, close): its IPC events must wait. */
  onPageGone(): void;
  log: Logger;
}

/** How long bounds must stay still before they are written, in ms. */
const SAVE_DELAY_MS = 500;

/**
 * Creates the window hidden, starts loading the app, and shows it once it has painted.
 * Resolves as soon as the window exists, before the page has loaded, so the shell knows the
 * window before the page's first IPC message can arrive.
 */
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

  const window = new BrowserWindow({ ...options, icon: input.iconPath });
  guardContents(window, input.log);
  watchPage(window, input.onPageGone, input.log);
  rememberBounds(window, input.statePath, input.log);
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    if (input.showWhenReady) window.show();
  });
  window.loadURL(APP_INDEX_URL).catch((error: unknown) => {
    input.log.error('the window could not load the app', { error: String(error) });
  });
  return window;
}

/** Reports every way the page can go away, so events are held until the next page is ready. */
function watchPage(window: BrowserWindow, onPageGone: () => void, log: Logger): void {
  window.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) onPageGone();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error('the window’s page is gone', { reason: details.reason });
    onPageGone();
  });
  window.on('closed', () => onPageGone());
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
