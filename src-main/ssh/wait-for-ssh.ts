/**
 * Waits until a booting guest accepts Berth's key over SSH. This is readiness probing, not state
 * polling: nothing announces that sshd is up and cloud-init has installed the key, so the only
 * honest test is to log in. Attempts are short and close together so a guest that just opened
 * its port is seen within about a second.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BerthError } from '../../src-shared/errors';
import type { SshEndpoint } from '../drivers/driver';
import { runSsh } from './ssh-client';

/**
 * A fixed endpoint, or a function asked before each attempt (null: not known yet, e.g. the VM
 * has not published its forwarded port). A function that throws ends the wait with its error.
 */
export type SshEndpointSource = SshEndpoint | (() => Promise<SshEndpoint | null>);

/** Limits and hooks for one wait. */
export interface WaitForSshOptions {
  /** Total time allowed, across all attempts. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called before each attempt, with the previous attempt's failure, for progress and logs. */
  onAttempt?: (attempt: number, lastError: string | null) => void;
}

/** Longest single attempt; short so a guest that opens its port late is not waited on. */
const ATTEMPT_TIMEOUT_MS = 10_000;
const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 1_000;

/**
 * Retries logging in to `source` as `user` until it works and returns the endpoint that did.
 * Throws BerthError TIMEOUT (naming the last failure) after `timeoutMs`, or CANCELLED on abort.
 */
export async function waitForSsh(
  source: SshEndpointSource,
  user: string,
  privateKey: string,
  options: WaitForSshOptions,
): Promise<SshEndpoint> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: string | null = null;
  let delayMs = FIRST_DELAY_MS;

  for (let attempt = 1; ; attempt += 1) {
    throwIfCancelled(options.signal);
    options.onAttempt?.(attempt, lastError);

    const outcome = await attemptLogin(source, user, privateKey, deadline, options.signal);
    if ('endpoint' in outcome) return outcome.endpoint;
    // An attempt that timed out only because the overall deadline cut it short says less than
    // the failure before it.
    if (!(outcome.cutShort && lastError)) lastError = outcome.error;

    await pause(Math.min(delayMs, deadline - Date.now()), options.signal);
    if (Date.now() >= deadline) throw timedOut(options.timeoutMs, lastError);
    delayMs = Math.min(delayMs * 2, MAX_DELAY_MS);
  }
}

type AttemptOutcome = { endpoint: SshEndpoint } | { error: string; cutShort: boolean };

async function attemptLogin(
  source: SshEndpointSource,
  user: string,
  privateKey: string,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<AttemptOutcome> {
  const endpoint = typeof source === 'function' ? await source() : source;
  if (!endpoint) return { error: 'the guest has no SSH endpoint yet', cutShort: false };

  const attemptMs = Math.max(1, Math.min(ATTEMPT_TIMEOUT_MS, deadline - Date.now()));
  const failure = await tryLogin({ ...endpoint, user, privateKey }, attemptMs, signal);
  if (failure === null) return { endpoint };
  const cutShort = failure.code === 'TIMEOUT' && attemptMs < ATTEMPT_TIMEOUT_MS;
  return { error: failure.message, cutShort };
}

/** One login attempt: null when it worked, else why not. Cancellation is thrown, not returned. */
async function tryLogin(
  target: SshEndpoint & { user: string; privateKey: string },
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<{ code: string; message: string } | null> {
  try {
    const result = await runSsh(target, 'true', { timeoutMs, signal });
    if (result.code === 0) return null;
    return { code: 'EXIT', message: `the probe command exited with status ${result.code}` };
  } catch (error) {
    if (!(error instanceof BerthError)) throw error;
    if (error.code === 'CANCELLED') throw error;
    return { code: error.code, message: error.message };
  }
}

async function pause(delayMs: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(delayMs, undefined, { signal });
  } catch {
    throwIfCancelled(signal);
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new BerthError('CANCELLED', 'Waiting for SSH was cancelled');
}

function timedOut(timeoutMs: number, lastError: string | null): BerthError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  const last = lastError ? `; last attempt: ${lastError}` : '';
  return new BerthError('TIMEOUT', `The guest did not accept SSH within ${seconds} s${last}`);
}
