/**
 * The shell around an open core: the session the tray reads, the IPC the window calls, the
 * window, the tray, notifications and start at login. Resolves once the user's Quit has been
 * approved (quit-flow.ts), after taking everything down; the caller then closes the core.
 */
import { app, ipcMain } from 'electron';
import type { Logger } from '../core/logger';
import { packageRoot } from '../host/package-root';
import type { Dispatcher } from '../transports/dispatcher';
import { switchDriverWithConfirm } from './driver-switch-flow';
import { wireIpc } from './ipc-wiring';
import { startNotifier } from './notifications';
import { openTerminal } from './open-terminal';
import { confirmQuit } from './quit-flow';
import type { ShellPaths } from './shell-paths';
import { openShellSession, type ShellSession } from './shell-session';
import { installTestHooks } from './shell-test-hooks';
import { keepStartAtLogin } from './start-at-login';
import { cliLauncher } from './terminal-command';
import { startTray } from './tray';
import { clickTrayItem, trayActionHandler } from './tray-actions';
import { createWindowHost } from './window-host';
import { windowStateFile } from './window-state';

/** What the shell runs on. */
export interface ShellAppInput {
  dispatcher: Dispatcher;
  dataDir: string;
  paths: ShellPaths;
  /** Started at login: stay in the tray until asked for the window. */
  startHidden: boolean;
  log: Logger;
}

/** Runs the shell until Quit is approved. */
export async function runShellApp(input: ShellAppInput): Promise<void> {
  const session = await openShellSession(input.dispatcher, input.log.child('session'));
  const parts = startParts(input, session);

  app.on('second-instance', () => void parts.host.show('instances'));
  app.on('activate', () => void parts.host.show('instances'));
  // Listen for Quit before the window exists, so a quit during start-up is not missed.
  const quitApproved = untilQuitApproved(session, () => parts.tray.visible(), input.log);
  if (input.startHidden) await parts.host.prepare();
  else await parts.host.show('instances');

  await quitApproved;
  parts.stop();
  await session.close();
}

/** The window, its IPC, the tray, notifications and the login item, and how to stop them. */
function startParts(input: ShellAppInput, session: ShellSession) {
  const { dispatcher, dataDir, paths, log } = input;
  const host = createWindowHost({
    preloadPath: paths.preload,
    iconPath: paths.windowIcon,
    statePath: windowStateFile(dataDir),
    onPageGone: () => ipc.pageGone(),
    onSeen: () => session.acknowledgeFailures(),
    log: log.child('window'),
  });
  const ipc = wireIpc(ipcMain, dispatcher, host, log.child('ipc'));
  const notifier = startNotifier({
    session,
    windowVisible: () => host.isVisible(),
    openWindow: () => void host.show('instances'),
  });
  const onTrayAction = trayActionHandler({
    session,
    showWindow: (page) => host.show(page),
    openShell: (name) => openShellIn(session, dataDir, name, log),
    switchDriver: (driver) => switchDriverWithConfirm(session, driver),
    quit: () => app.quit(),
    report: (title, body) => notifier.show({ title, body }),
    log: log.child('tray'),
  });
  const tray = startTray(session, paths.trayIconDir, onTrayAction);
  const stopLoginItem = keepStartAtLogin(session, log.child('login'));
  installTestHooks(process.env, {
    trayModel: () => tray.model(),
    clickTray: (id) => clickTrayItem(tray.model(), id, onTrayAction),
    windowVisible: () => host.isVisible(),
  });

  const stop = (): void => {
    stopLoginItem();
    notifier.stop();
    tray.destroy();
    ipc.dispose();
    host.close();
  };
  return { host, tray, stop };
}

/**
 * Resolves when Quit (from the tray, the menu, the system) has been confirmed. Closing the
 * window is not quitting while the tray shows; without a tray (and off macOS, where apps
 * stay in the Dock) closing the window is the only way out, so it quits.
 */
function untilQuitApproved(
  session: ShellSession,
  trayVisible: () => boolean,
  log: Logger,
): Promise<void> {
  return new Promise((resolve) => {
    let asking = false;
    app.on('before-quit', (event) => {
      // The quit goes ahead only through resolve(); the caller ends the process after.
      event.preventDefault();
      if (asking) return;
      asking = true;
      confirmQuit(session, log)
        .then((approved) => {
          if (approved) resolve();
        })
        .catch((error: unknown) => log.error('quit failed', { error: String(error) }))
        .finally(() => {
          asking = false;
        });
    });
    app.on('window-all-closed', () => {
      if (!trayVisible() && process.platform !== 'darwin') app.quit();
    });
  });
}

/** Opens a terminal running `berth shell <name>` with the CLI this app ships. */
async function openShellIn(
  session: ShellSession,
  dataDir: string,
  name: string,
  log: Logger,
): Promise<void> {
  // Asked first so a vanished instance is reported here, not in a terminal that closes at once.
  await session.call('instances.info', { name });
  const cli = cliLauncher({
    platform: process.platform,
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    execPath: process.execPath,
    packageRoot: packageRoot(),
    dataDir,
  });
  await openTerminal(name, cli, log);
}
