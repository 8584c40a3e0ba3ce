/**
 * A command in an LXD instance through the exec API's websockets, as a GuestSession: with a
 * terminal (`interactive`: one data socket both ways, fd "0") or on pipes (fds "0", "1", "2").
 * Either way a "control" socket carries window-resize and signal messages. LXD starts the
 * command once every socket is connected, ends each output stream with an empty text
 * message, and keeps the exit code in the operation's `metadata.return`.
 */
import type WebSocket from 'ws';
import * as z from 'zod';
import { BerthError } from '../../../src-shared/errors';
import type { Logger } from '../../core/logger';
import { SessionListeners } from '../../core/session-listeners';
import type { GuestSession, GuestStream } from '../driver';
import { messageBytes, operationSocket, whenOpen } from './operation-socket';
import { checked, type LxdClient } from './rest-client';
import { envelopeSchema, operationSchema } from './schemas';

/** What to run, and on a terminal of which size (null: pipes, stderr apart). */
export interface ExecSessionRequest {
  argv: string[];
  terminal: { cols: number; rows: number } | null;
}

/** The terminal type the guest is told; what nearly every terminal emulator understands. */
const TERMINAL_TYPE = 'xterm-256color';
/** How long a hung-up command gets to end before its streams are dropped (LXD kills it). */
const CLOSE_GRACE_MS = 2_000;
/** How long LXD gets to report the exit code once the output has ended. */
const RETURN_WAIT_MS = 5_000;
/** SIGTERM's number, the same on every POSIX guest. */
const SIGTERM = 15;

const execOperationSchema = z.object({
  id: z.string(),
  metadata: z.object({ fds: z.record(z.string(), z.string()) }),
});
const execReturnSchema = z.object({ return: z.number().int() });
/** What LXD may send on the control socket; Berth only logs it. */
const controlMessageSchema = z.object({ command: z.string() }).passthrough();

/** Starts `request.argv` in instance `name` and connects its streams. */
export async function openExecSession(
  client: LxdClient,
  name: string,
  request: ExecSessionRequest,
  log: Logger,
): Promise<GuestSession> {
  const { operation, secrets } = await startExec(client, name, request);
  const sockets = new Map(
    secrets.map(([fd, secret]) => [fd, operationSocket(client, operation, secret)] as const),
  );
  // Listening before any socket opens: LXD starts the command as the last one does.
  const session = new ExecSession(client, operation, sockets, request.terminal !== null, log);
  await session.connected();
  return session;
}

/** Creates the exec operation; returns its path and the secret of each socket to connect. */
async function startExec(
  client: LxdClient,
  name: string,
  { argv, terminal }: ExecSessionRequest,
): Promise<{ operation: string; secrets: [string, string][] }> {
  const path = `/1.0/instances/${name}/exec`;
  const envelope = await client.envelope('POST', path, {
    json: {
      command: argv,
      environment: terminal ? { TERM: TERMINAL_TYPE } : {},
      interactive: terminal !== null,
      'wait-for-websocket': true,
      'record-output': false,
      ...(terminal ? { width: terminal.cols, height: terminal.rows } : {}),
    },
  });
  if (envelope.type !== 'async' || !envelope.operation) {
    throw new BerthError('HYPERVISOR_ERROR', `LXD did not start an exec operation for ${name}`);
  }
  const { fds } = checked(execOperationSchema, envelope.metadata, `POST ${path}`).metadata;
  const names = terminal ? ['0', 'control'] : ['0', '1', '2', 'control'];
  const secrets = names.map((fd): [string, string] => {
    const secret = fds[fd];
    if (!secret) throw new BerthError('HYPERVISOR_ERROR', `LXD gave no exec stream "${fd}"`);
    return [fd, secret];
  });
  return { operation: envelope.operation, secrets };
}

/**
 * The exit code in a finished exec operation. Read whatever the operation's status: LXD marks
 * an exit of 126 or 127 as a failure ("Command not found") yet still reports the code.
 */
async function readExitCode(client: LxdClient, operationPath: string): Promise<number | null> {
  const base = operationPath.split('?')[0] ?? operationPath;
  const seconds = Math.ceil(RETURN_WAIT_MS / 1000);
  const path = client.withProject(`${base}/wait?timeout=${seconds}`);
  const answer = await client.raw('GET', path, {}, RETURN_WAIT_MS + 1_000);
  const envelope = checked(envelopeSchema, JSON.parse(answer.body.toString('utf8')), path);
  const operation = checked(operationSchema, envelope.metadata, path);
  const result = execReturnSchema.safeParse(operation.metadata);
  return result.success ? result.data.return : null;
}

class ExecSession implements GuestSession {
  private readonly listeners = new SessionListeners();
  private readonly outputs: [WebSocket, GuestStream][];
  private readonly ended = new Set<WebSocket>();
  private readonly stdin: WebSocket;
  private readonly control: WebSocket;
  private hangUpTimer: NodeJS.Timeout | null = null;
  /** Set when a socket could not connect: the session never started and is dropped. */
  private abandoned = false;

  constructor(
    private readonly client: LxdClient,
    private readonly operationPath: string,
    private readonly sockets: Map<string, WebSocket>,
    private readonly interactive: boolean,
    private readonly log: Logger,
  ) {
    const socket = (fd: string) => sockets.get(fd) as WebSocket;
    this.stdin = socket('0');
    this.control = socket('control');
    this.outputs = interactive
      ? [[this.stdin, 'stdout']]
      : [
          [socket('1'), 'stdout'],
          [socket('2'), 'stderr'],
        ];
    for (const [ws, stream] of this.outputs) this.follow(ws, stream);
    for (const ws of sockets.values()) {
      ws.on('error', (error) => log.debug('LXD exec stream error', { error: error.message }));
    }
    this.control.on('message', (data) => this.controlMessage(messageBytes(data)));
  }

  /** Resolves once every socket is open; otherwise drops them all and rejects. */
  async connected(): Promise<void> {
    try {
      await Promise.all([...this.sockets.values()].map(whenOpen));
    } catch (error) {
      this.abandoned = true;
      this.dropAll();
      throw error;
    }
  }

  onData(listener: (data: Buffer, stream: GuestStream) => void): void {
    this.listeners.onData(listener);
  }

  onExit(listener: (exitCode: number | null) => void): void {
    this.listeners.onExit(listener);
  }

  write(data: Buffer): void {
    if (this.stdin.readyState === this.stdin.OPEN) this.stdin.send(data, { binary: true });
  }

  endInput(): void {
    // On a terminal the input socket is the output socket too; only pipes have an input to end.
    if (!this.interactive) this.stdin.close(1000);
  }

  resize(cols: number, rows: number): void {
    if (!this.interactive) return;
    const args = { width: String(cols), height: String(rows) };
    this.sendControl({ command: 'window-resize', args });
  }

  close(): void {
    if (this.listeners.hasExited || this.hangUpTimer) return;
    // Dropping the streams makes LXD kill the command it started and close the terminal,
    // which hangs up everything on it, as closing a terminal window does. (A signal would
    // reach only `su`, which does not pass a hang-up on.) A piped command has no terminal
    // to lose, so it is asked to stop first.
    if (this.interactive) {
      this.dropAll();
      return;
    }
    this.sendControl({ command: 'signal', signal: SIGTERM });
    this.endInput();
    this.hangUpTimer = setTimeout(() => this.dropAll(), CLOSE_GRACE_MS);
    this.hangUpTimer.unref();
  }

  private follow(ws: WebSocket, stream: GuestStream): void {
    ws.on('message', (data, isBinary) => {
      const bytes = messageBytes(data);
      if (isBinary) this.listeners.data(bytes, stream);
      else if (bytes.length === 0) this.outputEnded(ws);
      else this.log.debug('unexpected text on an LXD exec stream', { length: bytes.length });
    });
    // A socket closed without the end marker means the connection was lost; the operation
    // still says whether the command finished.
    ws.on('close', () => this.outputEnded(ws));
  }

  private outputEnded(ws: WebSocket): void {
    if (this.ended.has(ws)) return;
    this.ended.add(ws);
    // LXD finishes a terminal's operation only once the client has closed its socket too.
    ws.close(1000);
    if (this.ended.size === this.outputs.length && !this.abandoned) void this.finish();
  }

  private async finish(): Promise<void> {
    const code = await this.readReturn();
    if (this.hangUpTimer) clearTimeout(this.hangUpTimer);
    this.dropAll();
    this.listeners.exited(code);
  }

  private async readReturn(): Promise<number | null> {
    const code = await readExitCode(this.client, this.operationPath).catch((error: unknown) => {
      this.log.debug('no exit code from LXD', { error: String(error) });
      return null;
    });
    return code;
  }

  private sendControl(message: object): void {
    if (this.control.readyState === this.control.OPEN) this.control.send(JSON.stringify(message));
  }

  private controlMessage(bytes: Buffer): void {
    let json: unknown = null;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      // Not JSON: the schema check below turns it away like any other unusable message.
    }
    const parsed = controlMessageSchema.safeParse(json);
    const command = parsed.success ? parsed.data.command : 'unreadable';
    this.log.debug('LXD exec control message ignored', { command, length: bytes.length });
  }

  private dropAll(): void {
    for (const ws of this.sockets.values()) {
      if (ws.readyState !== ws.CLOSED) ws.terminate();
    }
  }
}
