/**
 * A command in a guest over SSH with Berth's key, as a GuestSession: a login shell or a
 * command on a pseudo-terminal, or a command on plain pipes with stderr apart. Used for every
 * driver without its own way in (QEMU, libvirt).
 */
import { constants } from 'node:os';
import ssh2, { type Client, type ClientChannel } from 'ssh2';
import { BerthError } from '../../src-shared/errors';
import type { GuestSession, GuestStream } from '../drivers/driver';
import type { SshTarget } from '../ssh/ssh-client';
import { SessionListeners } from './session-listeners';
import { shellLine } from './shell-words';

/** What to run (null: the login shell), and on a terminal of which size (null: pipes). */
export interface SshSessionRequest {
  argv: string[] | null;
  terminal: { cols: number; rows: number } | null;
}

/** The terminal type the guest is told; what nearly every terminal emulator understands. */
const TERMINAL_TYPE = 'xterm-256color';
/** Bounds connecting and logging in, in ms. */
const CONNECT_TIMEOUT_MS = 20_000;

/** Logs in to `target` and starts `request`; throws a BerthError a person can read. */
export async function openSshSession(
  target: SshTarget,
  request: SshSessionRequest,
  timeoutMs = CONNECT_TIMEOUT_MS,
): Promise<GuestSession> {
  const client = new ssh2.Client();
  // Failures are observed where they matter; this keeps a late socket error from crashing.
  client.on('error', () => undefined);
  try {
    await connect(client, target, timeoutMs);
    return await startSession(client, request);
  } catch (error) {
    client.destroy();
    throw describe(error, target, timeoutMs);
  }
}

function connect(client: Client, target: SshTarget, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once('ready', () => {
      client.off('error', reject);
      resolve();
    });
    client.once('error', reject);
    client.once('close', () => reject(new Error('connection closed before login')));
    client.connect({
      host: target.host,
      port: target.port,
      username: target.user,
      privateKey: target.privateKey,
      readyTimeout: timeoutMs,
      // As for every SSH connection of Berth's (ssh-client.ts): the guest's host key is not
      // known ahead, and the address is a forward Berth set up for this instance.
      hostVerifier: () => true,
    });
    // Keystrokes are tiny packets; Nagle's algorithm would hold each back for an ACK.
    client.setNoDelay(true);
  });
}

function startSession(client: Client, request: SshSessionRequest): Promise<GuestSession> {
  const { argv, terminal } = request;
  const pty = terminal ? { term: TERMINAL_TYPE, cols: terminal.cols, rows: terminal.rows } : null;
  return new Promise((resolve, reject) => {
    // The session listens from the callback on: a quick command's output and exit may come
    // in the same packet as the channel itself, before any promise callback would run.
    const done = (error: Error | undefined, channel: ClientChannel) =>
      error ? reject(error) : resolve(new SshSession(client, channel, terminal !== null));
    if (argv === null) {
      if (!pty) return reject(new BerthError('INVALID_INPUT', 'A login shell needs a terminal'));
      client.shell({ ...pty, width: 0, height: 0 }, done);
    } else if (pty) {
      client.exec(shellLine(argv), { pty: { ...pty, width: 0, height: 0 } }, done);
    } else {
      client.exec(shellLine(argv), done);
    }
  });
}

class SshSession implements GuestSession {
  private readonly listeners = new SessionListeners();
  private status: number | null = null;

  constructor(
    private readonly client: Client,
    private readonly channel: ClientChannel,
    private readonly onTerminal: boolean,
  ) {
    channel.on('data', (data: Buffer) => this.listeners.data(data, 'stdout'));
    channel.stderr.on('data', (data: Buffer) => this.listeners.data(data, 'stderr'));
    channel.on('exit', (code: number | null, signal?: string) => {
      this.status = code ?? signalExitCode(signal);
    });
    channel.on('close', () => this.end(this.status));
    // A dropped connection ends the session without an exit status.
    client.on('error', () => this.end(null));
    client.on('close', () => this.end(null));
  }

  onData(listener: (data: Buffer, stream: GuestStream) => void): void {
    this.listeners.onData(listener);
  }

  onExit(listener: (exitCode: number | null) => void): void {
    this.listeners.onExit(listener);
  }

  write(data: Buffer): void {
    if (this.channel.writable) this.channel.write(data);
  }

  endInput(): void {
    if (!this.onTerminal) this.channel.end();
  }

  resize(cols: number, rows: number): void {
    if (this.onTerminal) this.channel.setWindow(rows, cols, 0, 0);
  }

  close(): void {
    // Ending the connection closes the terminal in the guest, which hangs up its processes.
    this.client.end();
  }

  private end(code: number | null): void {
    if (this.listeners.hasExited) return;
    this.listeners.exited(code);
    this.client.end();
  }
}

/** A shell's exit status for death by `signal` ("SIGTERM" → 143); null when unknown. */
function signalExitCode(signal: string | undefined): number | null {
  if (!signal) return null;
  const name = (signal.startsWith('SIG') ? signal : `SIG${signal}`) as NodeJS.Signals;
  const number = constants.signals[name];
  return number === undefined ? null : 128 + number;
}

function describe(error: unknown, target: SshTarget, timeoutMs: number): BerthError {
  if (error instanceof BerthError) return error;
  const where = `${target.user}@${target.host}:${target.port}`;
  const { level, code, message } = error as Error & { level?: string; code?: string };
  if (level === 'client-timeout') {
    return new BerthError('TIMEOUT', `SSH to ${where} did not answer within ${timeoutMs} ms`);
  }
  if (level === 'client-authentication') {
    return new BerthError('HYPERVISOR_ERROR', `${where} refused Berth's SSH key`);
  }
  if (code === 'ECONNREFUSED') {
    return new BerthError('HYPERVISOR_ERROR', `Nothing accepts SSH connections at ${where}`);
  }
  return new BerthError('HYPERVISOR_ERROR', `SSH to ${where} failed: ${String(message)}`);
}
