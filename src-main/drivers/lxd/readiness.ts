/**
 * Readiness for LXD instances: the guest is running once it accepts commands through LXD's
 * exec API. When the image has cloud-init, its first-boot work (SSH key, user-data) must have
 * finished too, so a user who connects finds the instance as configured.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BerthError } from '../../../src-shared/errors';
import type { Logger } from '../../core/logger';
import { execInGuest } from './exec';
import { readState } from './power';
import type { LxdClient } from './rest-client';

const RETRY_MS = 250;
const CLOUD_INIT_WAIT =
  'if command -v cloud-init >/dev/null; then cloud-init status --wait >/dev/null; fi';

function remaining(deadline: number, name: string): number {
  const left = deadline - Date.now();
  if (left <= 0) throw new BerthError('TIMEOUT', `${name} did not accept commands in time`);
  return left;
}

async function untilExecWorks(
  client: LxdClient,
  name: string,
  deadline: number,
  signal: AbortSignal,
) {
  for (;;) {
    if (signal.aborted) throw new BerthError('CANCELLED', `waiting for ${name} was cancelled`);
    remaining(deadline, name);
    const result = await execInGuest(client, name, ['true'], 10_000).catch(() => null);
    if (result?.code === 0) return;
    await sleep(RETRY_MS, undefined, { signal }).catch(() => undefined);
  }
}

/** The instance's global IPv4 addresses as LXD reports them. */
export async function instanceIpv4(client: LxdClient, name: string): Promise<string[]> {
  const state = await readState(client, name);
  const nics = Object.entries(state?.network ?? {}).filter(([nic]) => nic !== 'lo');
  return nics.flatMap(([, nic]) =>
    nic.addresses.filter((a) => a.family === 'inet' && a.scope === 'global').map((a) => a.address),
  );
}

/** Waits until `name` accepts commands and cloud-init is done; returns its IPv4 addresses. */
export async function waitUntilAccepting(
  client: LxdClient,
  name: string,
  timeoutMs: number,
  signal: AbortSignal,
  log: Logger,
): Promise<string[]> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  await untilExecWorks(client, name, deadline, signal);
  const accepting = Date.now() - started;

  const waitMs = remaining(deadline, name);
  const cloudInit = await execInGuest(client, name, ['sh', '-c', CLOUD_INIT_WAIT], waitMs);
  // cloud-init reports recoverable errors as non-zero; the guest still runs, so say so only.
  if (cloudInit.code !== 0) log.warn('cloud-init finished with errors', { instance: name });
  const ipv4 = await instanceIpv4(client, name);
  log.info('instance accepts commands', { instance: name, accepting, ms: Date.now() - started });
  return ipv4;
}
