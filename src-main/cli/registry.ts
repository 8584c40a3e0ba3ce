/** Every `berth` command, in the order `berth help` lists them. */
import type { Command } from './command';
import { daemonCommand } from './commands/daemon';
import { driversCommand } from './commands/drivers';
import { execCommand } from './commands/exec';
import { infoCommand } from './commands/info';
import { launchCommand } from './commands/launch';
import { lifecycleCommands } from './commands/lifecycle';
import { listCommand } from './commands/list';
import { mountCommand, umountCommand } from './commands/mounts';
import { networkCommand } from './commands/network';
import { remoteCommand } from './commands/remote';
import { deleteCommand, purgeCommand, recoverCommand } from './commands/removal';
import { serveCommand } from './commands/serve';
import { getCommand, setCommand } from './commands/settings';
import { shellCommand } from './commands/shell';
import { restoreCommand, snapshotCommand, snapshotsCommand } from './commands/snapshots';
import { versionCommand } from './commands/version';

/** All commands except `help`, which main.ts answers from this list. */
export const COMMANDS: readonly Command[] = [
  listCommand,
  infoCommand,
  launchCommand,
  ...lifecycleCommands,
  execCommand,
  shellCommand,
  deleteCommand,
  recoverCommand,
  purgeCommand,
  snapshotCommand,
  restoreCommand,
  snapshotsCommand,
  mountCommand,
  umountCommand,
  networkCommand,
  getCommand,
  setCommand,
  driversCommand,
  remoteCommand,
  versionCommand,
  daemonCommand,
  serveCommand,
];

/** The command called `name`, or undefined. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}

/** The text of `berth help`: every command with its one-line summary. */
export function generalUsage(): string {
  const entries: [string, string][] = [
    ...COMMANDS.map((c): [string, string] => [c.name, c.summary]),
    ['help', 'Show help for a command'],
  ];
  const width = Math.max(...entries.map(([name]) => name.length)) + 2;
  return [
    'Usage: berth <command> [options]',
    '',
    'Manage virtual machines with interchangeable hypervisor drivers.',
    '',
    'Commands:',
    ...entries.map(([name, summary]) => `  ${name.padEnd(width)}${summary}`),
    '',
    "Run 'berth help <command>' or 'berth <command> --help' for a command's options.",
    'Data lives in $BERTH_HOME, or the platform default when it is not set.',
    '',
  ].join('\n');
}
