/**
 * Start at login, from the `client.start-at-login` setting. macOS and Windows have a system
 * list Electron edits (app.setLoginItemSettings); Linux desktops read `.desktop` files in
 * the XDG autostart folder, which Electron does not write, so the shell writes one itself.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** True when the setting's text asks for start at login. */
export function wantsStartAtLogin(value: string | undefined): boolean {
  return value === 'true';
}

/** The XDG autostart entry's path: `$XDG_CONFIG_HOME/autostart/berth.desktop`. */
export function autostartFile(env: NodeJS.ProcessEnv): string {
  const config = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(config, 'autostart', 'berth.desktop');
}

/**
 * What to launch at login: the AppImage itself when running from one (its mount point
 * changes every run), else the executable.
 */
export function autostartCommand(env: NodeJS.ProcessEnv, execPath: string): string {
  return env.APPIMAGE || execPath;
}

/** The `.desktop` entry that starts Berth at login, hidden in its tray. */
export function autostartEntry(command: string): string {
  // Desktop-entry Exec quoting: the path in double quotes, with ", `, $ and \ escaped.
  const quoted = `"${command.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Berth',
    'Comment=Start Berth in the tray at login',
    `Exec=${quoted} --hidden`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes or removes the Linux autostart entry. */
export async function applyLinuxAutostart(
  enabled: boolean,
  env: NodeJS.ProcessEnv,
  execPath: string,
): Promise<void> {
  const file = autostartFile(env);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, autostartEntry(autostartCommand(env, execPath)));
}

/** True when Berth was started at login and should stay in the tray, window closed. */
export function startedHidden(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return wasOpenedAtLogin || argv.includes('--hidden');
}
