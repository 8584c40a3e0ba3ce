/**
 * Keeps the system's start-at-login entry in step with the `client.start-at-login` setting,
 * at start-up and whenever the setting changes.
 */
import { app } from 'electron';
import type { Logger } from '../core/logger';
import { applyLinuxAutostart, wantsStartAtLogin } from './login-item';
import type { ShellSession } from './shell-session';

/** The setting that asks for it. */
export const START_AT_LOGIN_SETTING = 'client.start-at-login';

/** Applies the setting now and on every change; returns the function that stops watching. */
export function keepStartAtLogin(session: ShellSession, log: Logger): () => void {
  const apply = (value: string | undefined): void => {
    // Known limitation: from source the executable is the bare Electron binary, which would
    // start without Berth's folder; the entry is only written by the installed app.
    if (!app.isPackaged) {
      log.debug('start at login applies to the installed app only', { value });
      return;
    }
    const enabled = wantsStartAtLogin(value);
    if (process.platform === 'linux') {
      applyLinuxAutostart(enabled, process.env, process.execPath).catch((error: unknown) => {
        log.warn('could not change start at login', { enabled, error: String(error) });
      });
      return;
    }
    app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
    log.info('start at login changed', { enabled });
  };

  apply(session.facts().settings[START_AT_LOGIN_SETTING]);
  return session.onChange((_facts, cause) => {
    if (cause?.event === 'settings.changed' && cause.payload.key === START_AT_LOGIN_SETTING) {
      apply(cause.payload.value);
    }
  });
}
