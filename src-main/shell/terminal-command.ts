/**
 * How "Open shell" opens a terminal running ssh into an instance, per platform. Pure: the
 * shell tries the candidates in order and runs the first whose program exists.
 */

/** Where and as whom to reach an instance (InstanceInfo.ssh). */
export interface SshTarget {
  host: string;
  port: number;
  user: string;
}

/** What ssh needs besides the target. */
export interface SshFiles {
  /** Berth's private key (`<data>/ssh/id_ed25519`). */
  keyFile: string;
  /**
   * A known_hosts file of the instance's own: loopback ports are reused by other instances,
   * so one shared file would soon hold a stale key for the same host and port.
   */
  knownHostsFile: string;
}

/** One way to start a terminal: a program and its argument array (run via execa). */
export interface TerminalCandidate {
  file: string;
  args: string[];
}

/** The ssh command line for `target`. */
export function sshArgv(target: SshTarget, files: SshFiles): string[] {
  return [
    'ssh',
    '-i',
    files.keyFile,
    '-p',
    String(target.port),
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    `UserKnownHostsFile=${files.knownHostsFile}`,
    // The first key of a new instance is trusted; a changed key afterwards is refused.
    '-o',
    'StrictHostKeyChecking=accept-new',
    `${target.user}@${target.host}`,
  ];
}

/** The terminals to try, best first. */
export function terminalCandidates(
  platform: NodeJS.Platform,
  argv: readonly string[],
): TerminalCandidate[] {
  if (platform === 'darwin') {
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

/** One POSIX shell line, every word single-quoted, for the one terminal that takes a line. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' ');
}

function appleScriptEscape(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
}
