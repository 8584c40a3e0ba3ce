/**
 * An instance's power state through `PUT /1.0/instances/<n>/state`: start, graceful stop with
 * a timeout, forced stop, and the state read back as the core's ObservedState.
 */
import type { ObservedState } from '../driver';
import { LxdApiError, type LxdClient } from './rest-client';
import { instanceStateSchema, type LxdInstanceState } from './schemas';

/** LXD status codes (shared/api/status_code.go). */
const STATUS = {
  stopped: 102,
  running: 103,
  starting: 106,
  stopping: 107,
  freezing: 109,
  frozen: 110,
  thawed: 111,
} as const;

/** The core's view of an LXD status code. */
export function observedOf(statusCode: number): ObservedState {
  switch (statusCode) {
    case STATUS.running:
    case STATUS.starting:
    case STATUS.stopping:
    case STATUS.thawed:
      return 'running';
    case STATUS.freezing:
    case STATUS.frozen:
      return 'paused';
    default:
      return 'stopped';
  }
}

/** The instance's state, or null when LXD has no such instance. */
export function readState(client: LxdClient, name: string): Promise<LxdInstanceState | null> {
  return client.find(`/1.0/instances/${name}/state`, instanceStateSchema);
}

/** The core's view of the instance now; a missing instance counts as stopped. */
export async function observe(client: LxdClient, name: string): Promise<ObservedState> {
  const state = await readState(client, name);
  return state ? observedOf(state.status_code) : 'stopped';
}

function changeState(
  client: LxdClient,
  name: string,
  body: Record<string, unknown>,
  timeoutMs = 120_000,
) {
  return client.run('PUT', `/1.0/instances/${name}/state`, { json: body }, timeoutMs);
}

/** Starts the instance, or thaws it when frozen; a running one is left as it is. */
export async function powerOn(client: LxdClient, name: string): Promise<void> {
  const observed = await observe(client, name);
  if (observed === 'running') return;
  await changeState(client, name, { action: observed === 'paused' ? 'unfreeze' : 'start' });
}

/** Asks the guest to shut down; true when it stopped within `timeoutMs`. */
export async function powerDown(
  client: LxdClient,
  name: string,
  timeoutMs: number,
): Promise<boolean> {
  if ((await observe(client, name)) === 'stopped') return true;
  const timeout = Math.max(1, Math.round(timeoutMs / 1000));
  try {
    await changeState(client, name, { action: 'stop', timeout, force: false }, timeoutMs + 10_000);
  } catch (error) {
    // LXD fails the operation when the guest ignores the request; the state says what happened.
    if (!(error instanceof LxdApiError)) throw error;
  }
  return (await observe(client, name)) === 'stopped';
}

/** Stops the instance at once; nothing to do when it is stopped or gone. */
export async function forceOff(client: LxdClient, name: string): Promise<void> {
  if ((await observe(client, name)) === 'stopped') return;
  await changeState(client, name, { action: 'stop', force: true });
}

/** Deletes the instance from LXD; a missing one is fine. */
export async function deleteFromLxd(client: LxdClient, name: string): Promise<void> {
  try {
    await client.run('DELETE', `/1.0/instances/${name}`);
  } catch (error) {
    if (error instanceof LxdApiError && error.status === 404) return;
    throw error;
  }
}
