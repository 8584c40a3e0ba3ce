/**
 * How the core reaches into a running guest for commands and terminals: the driver's own way
 * when it has one (LXD's exec API, no SSH needed), else SSH with Berth's key at the instance's
 * endpoint, else a refusal that says why. Commands run as the instance's user either way.
 */
import { DRIVER_LABELS } from '../../src-shared/drivers';
import { BerthError } from '../../src-shared/errors';
import type { GuestSession } from '../drivers/driver';
import { assertDriverAvailable } from './instance-guards';
import type { ScopeRuntime } from './scope-runtime';
import { openSshSession, type SshSessionRequest } from './ssh-session';

/** A terminal to open: the command (null: login shell) and its size. */
export interface TerminalSpec {
  argv: string[] | null;
  cols: number;
  rows: number;
}

/** Opens an interactive terminal in running instance `name`. */
export async function openGuestTerminal(
  runtime: ScopeRuntime,
  name: string,
  spec: TerminalSpec,
): Promise<GuestSession> {
  const user = assertReachable(runtime, name);
  const { driver } = runtime.deps;
  const { ctx } = runtime.entry(name);
  if (driver.terminal) return driver.terminal(ctx, { ...spec, user });
  return overSsh(runtime, name, {
    argv: spec.argv,
    terminal: { cols: spec.cols, rows: spec.rows },
  });
}

/** Starts `argv` in running instance `name` on plain pipes, its output streaming. */
export async function spawnInGuest(
  runtime: ScopeRuntime,
  name: string,
  argv: string[],
): Promise<GuestSession> {
  const user = assertReachable(runtime, name);
  const { driver } = runtime.deps;
  if (driver.spawn) return driver.spawn(runtime.entry(name).ctx, { argv, user });
  return overSsh(runtime, name, { argv, terminal: null });
}

/**
 * Throws NOT_FOUND, INVALID_STATE or DRIVER_UNAVAILABLE unless commands can run in `name`
 * now; returns the guest user they run as.
 */
export function assertReachable(runtime: ScopeRuntime, name: string): string {
  const record = runtime.deps.store.get(name);
  const { state } = runtime.entry(name);
  if (record.deleted) {
    throw new BerthError('INVALID_STATE', `${name} is deleted; recover and start it first`);
  }
  if (state !== 'running' && state !== 'delayed_shutdown') {
    throw new BerthError('INVALID_STATE', `${name} is ${state}; start it first`);
  }
  assertDriverAvailable(runtime);
  return record.sshUser;
}

function overSsh(
  runtime: ScopeRuntime,
  name: string,
  request: SshSessionRequest,
): Promise<GuestSession> {
  const info = runtime.info(name);
  if (!info.ssh) {
    const label = DRIVER_LABELS[runtime.deps.driverId];
    throw new BerthError(
      'UNSUPPORTED',
      `${name} has no SSH address, and the ${label} driver has no other way into the guest`,
    );
  }
  const privateKey = runtime.deps.identity.privateKey;
  return openSshSession({ ...info.ssh, privateKey }, request);
}
