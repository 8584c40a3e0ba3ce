/**
 * Runs one command in a guest over SSH with Berth's key: connect, authenticate, exec, collect
 * the output, close. Every failure becomes a BerthError with a message meant for people.
 */
import ssh2, { type Client, type ClientChannel } from 'ssh2';
import { BerthError } from '../../src-shared/errors';
import type { SshEndpoint } from '../drivers/driver';

/** Where and as whom to run a command. */
export interface SshTarget extends SshEndpoint {
  user: string;
  /** Private key in OpenSSH PEM form. */
  privateKey: string;
}

/** Limits on one SSH command. */
export interface SshRunOptions {
  /** Bounds connect, authentication and the command together. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** What a command printed and how it ended. */
export interface SshResult {
  stdout: string;
  stderr: string;
  /** The command's exit status; 255 when it was killed by a signal (as OpenSSH reports it). */
  code: number;
  /** The signal that killed the command, e.g. "TERM", when one did. */
  signal?: string;
}

/**
 * Runs `command` on `target` and resolves with its output and exit status (a non-zero status is
 * not an error). Throws BerthError TIMEOUT, CANCELLED, or HYPERVISOR_ERROR when the guest cannot
 * be reached, refuses the key, or drops the connection.
 */
export async function runSsh(
  target: SshTarget,
  command: string,
  options: SshRunOptions,
): Promise<SshResult> {
  const deadline = deadlineSignal(options);
  const client = new ssh2.Client();
  // Failures are observed through `guard`; this keeps a late socket error from crashing Berth.
  client.on('error', () => undefined);

  try {
    client.connect({
      host: target.host,
      port: target.port,
      username: target.user,
      privateKey: target.privateKey,
      readyTimeout: options.timeoutMs,
      // Host keys are not verified: a fresh VM's key is unknown until it boots, and the
      // connection goes to a loopback forward Berth itself set up for this instance.
      // A later improvement could pin the key the guest prints on its console log.
      hostVerifier: () => true,
    });
    // Each login is a dozen small request/reply exchanges; Nagle's algorithm would hold every
    // one back waiting for a delayed ACK (about 40 ms each on Linux).
    client.setNoDelay(true);
    const ready = new Promise<void>((resolve) => client.once('ready', () => resolve()));
    await guard(ready, client, deadline);
    return await guard(exec(client, command), client, deadline);
  } catch (error) {
    // A guest that stopped answering would never finish a polite close; drop the socket.
    client.destroy();
    throw describeSshError(error, target, options);
  } finally {
    client.end();
  }
}

/**
 * Whether Berth can log in to `endpoint` as `user` and run `true` within `timeoutMs`.
 * Never throws for an unreachable or unwilling guest.
 */
export async function canConnect(
  endpoint: SshEndpoint,
  user: string,
  privateKey: string,
  timeoutMs: number,
): Promise<boolean> {
  const target = { host: endpoint.host, port: endpoint.port, user, privateKey };
  try {
    return (await runSsh(target, 'true', { timeoutMs })).code === 0;
  } catch {
    return false;
  }
}

function deadlineSignal(options: SshRunOptions): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  return options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
}

/** Settles with `work`, or rejects as soon as the connection fails, closes or `signal` aborts. */
function guard<T>(work: Promise<T>, client: Client, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onError = (error: Error) => settle(() => reject(error));
    const onClose = () => settle(() => reject(new ConnectionClosedError()));
    const onAbort = () => settle(() => reject(signal.reason));
    const settle = (outcome: () => void) => {
      client.off('error', onError).off('close', onClose);
      signal.removeEventListener('abort', onAbort);
      outcome();
    };

    if (signal.aborted) return onAbort();
    client.on('error', onError).on('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/** The connection closed before the command finished. */
class ConnectionClosedError extends Error {
  constructor() {
    super('connection closed');
    this.name = 'ConnectionClosedError';
  }
}

function exec(client: Client, command: string): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      collect(channel).then(resolve, reject);
      // The command gets an empty stdin, so one that reads it does not wait forever.
      channel.end();
    });
  });
}

function collect(channel: ClientChannel): Promise<SshResult> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let status: { code: number; signal?: string } | null = null;

  channel.on('data', (chunk: Buffer) => stdout.push(chunk));
  channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  channel.on('exit', (code: number | null, signal?: string) => {
    status = code === null ? { code: 255, signal } : { code };
  });

  return new Promise((resolve, reject) => {
    channel.on('close', () => {
      if (!status) return reject(new ConnectionClosedError());
      const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
      resolve({ stdout: text(stdout), stderr: text(stderr), ...status });
    });
  });
}

/** Turns whatever ended an SSH attempt into a BerthError that says what happened, for people. */
function describeSshError(error: unknown, target: SshTarget, options: SshRunOptions): BerthError {
  const where = `${target.user}@${target.host}:${target.port}`;
  const fail = (message: string) => new BerthError('HYPERVISOR_ERROR', message);
  if (options.signal?.aborted) return new BerthError('CANCELLED', `SSH to ${where} was cancelled`);
  if (error instanceof BerthError) return error;

  const { name, level, code, message } = errorFields(error);
  if (name === 'TimeoutError' || level === 'client-timeout') {
    return new BerthError(
      'TIMEOUT',
      `SSH to ${where} did not finish within ${options.timeoutMs} ms`,
    );
  }
  if (closedEarly(error, code, message)) {
    return fail(`${where} closed the SSH connection early (its SSH server may still be starting)`);
  }
  if (level === 'client-authentication') {
    return fail(`${where} refused Berth's SSH key (the guest may not have installed it yet)`);
  }
  if (code === 'ECONNREFUSED') {
    return fail(`Nothing accepts SSH connections at ${target.host}:${target.port} yet`);
  }
  return fail(`SSH to ${where} failed: ${message}`);
}

/** The guest hung up before SSH got going, as a forwarded port does while sshd is not up yet. */
function closedEarly(error: unknown, code: string | undefined, message: string): boolean {
  if (error instanceof ConnectionClosedError || code === 'ECONNRESET') return true;
  return message === 'Connection lost before handshake';
}

function errorFields(error: unknown): {
  name?: string;
  level?: string;
  code?: string;
  message: string;
} {
  if (!(error instanceof Error)) return { message: String(error) };
  const extra = error as Error & { level?: unknown; code?: unknown };
  return {
    name: error.name,
    level: typeof extra.level === 'string' ? extra.level : undefined,
    code: typeof extra.code === 'string' ? extra.code : undefined,
    message: error.message,
  };
}
