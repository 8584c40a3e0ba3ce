import { describe, expect, it } from 'vitest';
import { shellLine, sshArgv, terminalCandidates } from './terminal-command';

const argv = sshArgv(
  { host: '127.0.0.1', port: 2222, user: 'ubuntu' },
  { keyFile: '/data/ssh/id_ed25519', knownHostsFile: '/data/vm/known_hosts' },
);

describe('the ssh command Open shell runs', () => {
  it('uses Berth’s key, the instance’s port and its own known_hosts', () => {
    expect(argv).toEqual([
      'ssh',
      '-i',
      '/data/ssh/id_ed25519',
      '-p',
      '2222',
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'UserKnownHostsFile=/data/vm/known_hosts',
      '-o',
      'StrictHostKeyChecking=accept-new',
      'ubuntu@127.0.0.1',
    ]);
  });

  it('tries the usual Linux terminals in order, each with ssh as its arguments', () => {
    const files = terminalCandidates('linux', argv).map((c) => c.file);
    expect(files).toEqual([
      'x-terminal-emulator',
      'gnome-terminal',
      'konsole',
      'xfce4-terminal',
      'xterm',
    ]);
    expect(terminalCandidates('linux', argv)[1]?.args).toEqual(['--', ...argv]);
  });

  it('asks Terminal.app on macOS with a quoted line', () => {
    const [mac] = terminalCandidates('darwin', argv);
    expect(mac?.file).toBe('osascript');
    expect(mac?.args[1]).toContain("'ssh' '-i' '/data/ssh/id_ed25519'");
  });

  it('prefers Windows Terminal, then cmd', () => {
    expect(terminalCandidates('win32', argv).map((c) => c.file)).toEqual(['wt.exe', 'cmd.exe']);
  });

  it('quotes single quotes so a path cannot break out of its word', () => {
    expect(shellLine(["it's", 'a b'])).toBe("'it'\\''s' 'a b'");
  });
});
