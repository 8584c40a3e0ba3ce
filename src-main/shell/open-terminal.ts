/**
 * "Open shell": starts the first terminal program this computer has, running ssh into the
 * instance with Berth's key. The terminal is detached, so it outlives a Berth that quits.
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BerthError } from '../../src-shared/errors';
import { layout } from '../core/data-dir';
import type { Logger } from '../core/logger';
import { type SshTarget, sshArgv, terminalCandidates } from './terminal-command';

/** Where the instance lives, for its key and its own known_hosts file. */
export interface ShellTarget {
  dataDir: string;
  scope: string;
  name: string;
  ssh: SshTarget;
}

/** Opens a terminal with ssh into `target`; throws when no terminal program is found. */
export async function openTerminal(target: ShellTarget, log: Logger): Promise<void> {
  const knownHostsFile = join(
    layout.instanceDir(target.dataDir, target.scope, target.name),
    'known_hosts',
  );
  await mkdir(dirname(knownHostsFile), { recursive: true });
  const argv = sshArgv(target.ssh, { keyFile: layout.sshKeyFile(target.dataDir), knownHostsFile });

  const tried: string[] = [];
  for (const candidate of terminalCandidates(process.platform, argv)) {
    tried.push(candidate.file);
    if (await started(candidate.file, candidate.args)) {
      log.info('opened a shell', { instance: target.name, terminal: candidate.file });
      return;
    }
  }
  throw new BerthError('NOT_FOUND', `No terminal program found (tried ${tried.join(', ')})`, [
    `Run it yourself: ${argv.join(' ')}`,
  ]);
}

/** True once the program has been spawned; false when it does not exist. */
function started(file: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { detached: true, stdio: 'ignore' });
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
    child.once('error', () => resolve(false));
  });
}
