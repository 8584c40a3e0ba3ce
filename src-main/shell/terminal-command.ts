/**
 * How "Open shell" opens a terminal running `berth shell <name>`, per platform. The CLI
 * reaches the guest the way the instance's driver allows (LXD's exec API, SSH elsewhere),
 * so this works for LXD and remote servers too. Pure: the shell tries the candidates in
 * order and runs the first whose program exists.
 */
import { posix, win32 } from 'node:path';
import { shellLine } from '../core/shell-words';

/** How to run Berth's CLI: the words before its arguments, and variables it needs. */
export interface CliLauncher {
  argv: string[];
  env: Record<string, string>;
}

/** What locates the CLI of the running app. */
export interface CliFacts {
  platform: NodeJS.Platform;
  /** Electron's `app.isPackaged`. */
  packaged: boolean;
  /** Electron's resources folder (`process.resourcesPath`) in a packaged app. */
  resourcesPath: string;
  /** The app's own binary (`process.execPath`). */
  execPath: string;
  /** The project folder holding bin/berth.mjs, when running from it. */
  packageRoot: string;
  /** The data folder this app owns; the CLI must use the same one. */
  dataDir: string;
}

/** One way to start a terminal: a program and its argument array. */
export interface TerminalCandidate {
  file: string;
  args: string[];
}

/**
 * The CLI of this app: the launcher installed with it (`<resources>/cli/berth`), or, run from
 * the project, the app's own Electron binary in Node mode on bin/berth.mjs, as that launcher
 * does itself.
 */
export function cliLauncher(facts: CliFacts): CliLauncher {
  const path = facts.platform === 'win32' ? win32 : posix;
  const env = { BERTH_HOME: facts.dataDir };
  if (facts.packaged) {
    const file = facts.platform === 'win32' ? 'berth.cmd' : 'berth';
    return { argv: [path.join(facts.resourcesPath, 'cli', file)], env };
  }
  const script = path.join(facts.packageRoot, 'bin', 'berth.mjs');
  return { argv: [facts.execPath, script], env: { ...env, ELECTRON_RUN_AS_NODE: '1' } };
}

/**
 * The command a terminal runs for "Open shell" in `name`. Off Windows the variables go in
 * through `env`: terminals started by a server (gnome-terminal, Terminal.app) do not inherit
 * Berth's environment.
 *
 * Known limitation: on Windows they are passed in the environment of the terminal program
 * only, which Windows Terminal does not hand to new tabs; a Berth run with BERTH_HOME there
 * opens the shell against the default data folder.
 */
export function shellCommandArgv(
  launcher: CliLauncher,
  name: string,
  platform: NodeJS.Platform,
): string[] {
  const argv = [...launcher.argv, 'shell', name];
  if (platform === 'win32') return argv;
  const assignments = Object.entries(launcher.env).map(([key, value]) => `${key}=${value}`);
  return ['env', ...assignments, ...argv];
}

/** The terminals to try, best first. */
export function terminalCandidates(
  platform: NodeJS.Platform,
  argv: readonly string[],
): TerminalCandidate[] {
  if (platform === 'darwin') {
    // Terminal.app takes one line for the user's shell, so every word is quoted.
    const line = appleScriptEscape(shellLine(argv));
    const script = `tell application "Terminal" to do script "${line}"`;
    return [
      { file: 'osascript', args: ['-e', script, '-e', 'tell application "Terminal" to activate'] },
    ];
  }
  if (platform === 'win32') {
    return [
      { file: 'wt.exe', args: ['--', ...argv] },
      { file: 'cmd.exe', args: ['/d', '/c', 'start', '""', ...argv] },
    ];
  }
  return [
    { file: 'x-terminal-emulator', args: ['-e', ...argv] },
    { file: 'gnome-terminal', args: ['--', ...argv] },
    { file: 'konsole', args: ['-e', ...argv] },
    { file: 'xfce4-terminal', args: ['-x', ...argv] },
    { file: 'xterm', args: ['-e', ...argv] },
  ];
}

function appleScriptEscape(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
}
