import { describe, expect, it } from 'vitest';
import {
  type CliFacts,
  cliLauncher,
  shellCommandArgv,
  terminalCandidates,
} from './terminal-command';

const facts: CliFacts = {
  platform: 'linux',
  packaged: true,
  resourcesPath: '/opt/Berth/resources',
  execPath: '/opt/Berth/berth',
  packageRoot: '/work/berth',
  dataDir: '/home/ada/.local/share/berth',
};

const installed = cliLauncher(facts);
const argv = shellCommandArgv(installed, 'web', 'linux');

describe('the command Open shell runs', () => {
  it('is `berth shell <name>` with the CLI installed beside the app, on its data folder', () => {
    expect(argv).toEqual([
      'env',
      'BERTH_HOME=/home/ada/.local/share/berth',
      '/opt/Berth/resources/cli/berth',
      'shell',
      'web',
    ]);
  });

  it('runs the project’s CLI with the app’s Electron in Node mode in development', () => {
    const dev = cliLauncher({ ...facts, packaged: false, execPath: '/work/berth/electron' });
    expect(shellCommandArgv(dev, 'web', 'linux')).toEqual([
      'env',
      'BERTH_HOME=/home/ada/.local/share/berth',
      'ELECTRON_RUN_AS_NODE=1',
      '/work/berth/electron',
      '/work/berth/bin/berth.mjs',
      'shell',
      'web',
    ]);
  });

  it('uses the Windows launcher, its variables passed by the environment there', () => {
    const windows = cliLauncher({
      ...facts,
      platform: 'win32',
      resourcesPath: 'C:\\Berth\\resources',
      dataDir: 'C:\\Users\\ada\\Berth',
    });
    expect(windows.env).toEqual({ BERTH_HOME: 'C:\\Users\\ada\\Berth' });
    expect(shellCommandArgv(windows, 'web', 'win32')).toEqual([
      'C:\\Berth\\resources\\cli\\berth.cmd',
      'shell',
      'web',
    ]);
  });

  it('tries the usual Linux terminals in order, each with the command as its arguments', () => {
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

  it('asks Terminal.app on macOS with one quoted line, so a path with spaces stays whole', () => {
    const mac = cliLauncher({
      ...facts,
      platform: 'darwin',
      resourcesPath: '/Applications/Berth.app/Contents/Resources',
      dataDir: "/Users/ada/Library/Application Support/Berth's",
    });
    const [osascript] = terminalCandidates('darwin', shellCommandArgv(mac, 'web', 'darwin'));
    expect(osascript?.file).toBe('osascript');
    expect(osascript?.args[1]).toContain(
      `'env' 'BERTH_HOME=/Users/ada/Library/Application Support/Berth'\\\\''s' ` +
        `'/Applications/Berth.app/Contents/Resources/cli/berth' 'shell' 'web'`,
    );
  });

  it('prefers Windows Terminal, then cmd', () => {
    expect(terminalCandidates('win32', argv).map((c) => c.file)).toEqual(['wt.exe', 'cmd.exe']);
  });
});
