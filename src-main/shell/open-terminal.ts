/**
 * "Open shell": starts the first terminal program this computer has, running `berth shell`
 * for the instance. The terminal is detached, so it outlives a Berth that quits.
 */
import { spawn } from 'node:child_process';
import { BerthError } from '../../src-shared/errors';
import type { Logger } from '../core/logger';
import { type CliLauncher, shellCommandArgv, terminalCandidates } from './terminal-command';

/** Opens a terminal with `berth shell <name>`; throws when no terminal program is found. */
export async function openTerminal(name: string, cli: CliLauncher, log: Logger): Promise<void> {
  const argv = shellCommandArgv(cli, name, process.platform);
  const env = { ...process.env, ...cli.env };

  const tried: string[] = [];
  for (const candidate of terminalCandidates(process.platform, argv)) {
    tried.push(candidate.file);
    if (await started(candidate.file, candidate.args, env)) {
      log.info('opened a shell', { instance: name, terminal: candidate.file });
      return;
    }
  }
  throw new BerthError('NOT_FOUND', `No terminal program found (tried ${tried.join(', ')})`, [
    `Run it yourself: ${argv.join(' ')}`,
  ]);
}

/** True once the program has been spawned; false when it does not exist. */
function started(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { detached: true, stdio: 'ignore', env });
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
    child.once('error', () => resolve(false));
  });
}
