/**
 * The Electron main process, bundled to dist/shell/main.mjs (package.json "main"). One linear
 * recipe: claim the single-instance lock, declare the app scheme, wait for Electron, serve the
 * renderer, reach the core (opened in this process, or the process that already owns the data
 * folder), run the shell until Quit is approved, close the core, exit. Every decision it
 * relies on lives in a tested module beside it.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog } from 'electron';
import { createSession } from '../cli/session';
import { logDir, resolveDataDir } from '../core/data-dir';
import { createLogger, fileSink, logLevelFromEnv } from '../core/logger';
import { startedHidden } from './login-item';
import { declareAppScheme, serveRenderer } from './serve-renderer';
import { runShellApp } from './shell-app';
import { shellPaths } from './shell-paths';

const dataDir = resolveDataDir();
const log = createLogger(fileSink(join(logDir(dataDir), 'shell.log')), logLevelFromEnv(), 'shell');
const paths = shellPaths(fileURLToPath(new URL('.', import.meta.url)), process.env);

// Electron's own profile lives in the data folder: BERTH_HOME isolates a run entirely, and the
// single-instance lock (kept in that profile) is per data folder, like the core's lock.
app.setPath('userData', join(dataDir, 'electron'));

if (app.requestSingleInstanceLock()) {
  declareAppScheme();
  run().catch((error: unknown) => fail(error));
} else {
  // The first instance gets 'second-instance' and brings its window forward.
  log.info('Berth is already running; handed over to it', { dataDir });
  app.quit();
}

async function run(): Promise<void> {
  await app.whenReady();
  serveRenderer(paths.rendererDir, log.child('protocol'));
  const startHidden = startedHidden(process.argv, app.getLoginItemSettings().wasOpenedAtLogin);

  await createSession({ dataDir }).withDispatcher(async (dispatcher, access) => {
    log.info('shell started', { dataDir, access, pid: process.pid });
    await runShellApp({ dispatcher, dataDir, paths, startHidden, log });
  });
  log.info('shell stopped');
  app.exit(0);
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log.error('the shell could not run', { message });
  dialog.showErrorBox('Berth could not start', message);
  app.exit(1);
}
