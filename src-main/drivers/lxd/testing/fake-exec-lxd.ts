/**
 * A stand-in for LXD's exec API in unit tests: `POST /1.0/instances/<n>/exec` makes an
 * operation with one websocket per stream, the test plays the command once every socket is
 * connected, and `/1.0/operations/<id>/wait` reports its exit code. It is not LXD; the
 * real-daemon suite (e2e/lxd-terminal.e2e.test.ts) covers that.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type WebSocket, WebSocketServer } from 'ws';

/** One exec as the test sees it. */
export interface FakeExec {
  /** The request body Berth sent. */
  body: Record<string, unknown>;
  /** Connected sockets by stream ("0", "1", "2", "control"). */
  sockets: Map<string, WebSocket>;
  /** Binary messages Berth sent on fd "0". */
  input: Buffer[];
  /** Text messages Berth sent on the control socket. */
  control: string[];
  /** Streams Berth closed, in order. */
  closedByBerth: string[];
  /** Sends output on a stream. */
  print(fd: string, text: string): void;
  /** Sends LXD's end-of-stream marker (an empty text message). */
  endStream(fd: string): void;
  /** Finishes the operation with `code` in metadata.return (`status` defaults to Success). */
  finish(code: number, status?: string): void;
}

/** A running fake. */
export interface FakeExecLxd {
  socketPath: string;
  execs: FakeExec[];
  dispose(): Promise<void>;
}

interface Operation {
  exec: FakeExec;
  secrets: Map<string, string>;
  done: { code: number; status: string } | null;
  waiters: (() => void)[];
}

/**
 * Starts the fake; `play` runs each exec once all of its sockets are connected. With
 * `refuseStreams` every websocket is refused, as LXD does a wrong secret.
 */
export async function startFakeExecLxd(
  play: (exec: FakeExec) => void,
  options: { refuseStreams?: boolean } = {},
): Promise<FakeExecLxd> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-fake-exec-'));
  const socketPath = join(dir, 'unix.socket');
  const operations = new Map<string, Operation>();
  const execs: FakeExec[] = [];
  const wss = new WebSocketServer({ noServer: true });

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks), operations, execs));
  });
  http.on('upgrade', (req, socket, head) => {
    const found = options.refuseStreams ? null : findSocket(req, operations);
    if (!found) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connected(found.operation, found.fd, ws, play));
  });
  await new Promise<void>((resolve) => http.listen(socketPath, resolve));

  const dispose = async () => {
    for (const client of wss.clients) client.terminate();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  };
  return { socketPath, execs, dispose };
}

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  operations: Map<string, Operation>,
  execs: FakeExec[],
): void {
  const path = (req.url ?? '').split('?')[0] ?? '';
  const reply = (status: number, json: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(json));
  };
  if (req.method === 'POST' && /^\/1\.0\/instances\/[^/]+\/exec$/.test(path)) {
    const operation = createOperation(JSON.parse(body.toString('utf8')), operations, execs);
    const fds = Object.fromEntries(operation.secrets);
    const metadata = { id: operation.id, class: 'websocket', metadata: { fds } };
    reply(202, { type: 'async', operation: `/1.0/operations/${operation.id}`, metadata });
    return;
  }
  const wait = /^\/1\.0\/operations\/([^/]+)\/wait$/.exec(path);
  const operation = wait?.[1] ? operations.get(wait[1]) : undefined;
  if (req.method === 'GET' && operation && wait?.[1]) {
    const id = wait[1];
    const send = () => reply(200, { type: 'sync', metadata: operationBody(id, operation) });
    if (operation.done) send();
    else operation.waiters.push(send);
    return;
  }
  reply(404, { type: 'error', error: 'not found', error_code: 404 });
}

function operationBody(id: string, operation: Operation) {
  const { done } = operation;
  return {
    id,
    status: done?.status ?? 'Running',
    status_code: done ? 200 : 103,
    err: '',
    metadata: done ? { return: done.code } : {},
  };
}

function createOperation(
  body: Record<string, unknown>,
  operations: Map<string, Operation>,
  execs: FakeExec[],
): Operation & { id: string } {
  const id = randomBytes(8).toString('hex');
  const names = body.interactive ? ['0', 'control'] : ['0', '1', '2', 'control'];
  const secrets = new Map(names.map((fd) => [fd, randomBytes(16).toString('hex')]));
  const exec: FakeExec = {
    body,
    sockets: new Map(),
    input: [],
    control: [],
    closedByBerth: [],
    print: (fd, text) => exec.sockets.get(fd)?.send(Buffer.from(text), { binary: true }),
    endStream: (fd) => exec.sockets.get(fd)?.send('', { binary: false }),
    finish: (code, status = 'Success') => {
      operation.done = { code, status };
      for (const waiter of operation.waiters.splice(0)) waiter();
      for (const ws of exec.sockets.values()) ws.close();
    },
  };
  const operation: Operation = { exec, secrets, done: null, waiters: [] };
  operations.set(id, operation);
  execs.push(exec);
  return { ...operation, id };
}

function findSocket(req: IncomingMessage, operations: Map<string, Operation>) {
  const url = new URL(req.url ?? '', 'http://lxd');
  const id = /^\/1\.0\/operations\/([^/]+)\/websocket$/.exec(url.pathname)?.[1];
  const operation = id ? operations.get(id) : undefined;
  const secret = url.searchParams.get('secret');
  const fd = [...(operation?.secrets ?? [])].find(([, s]) => s === secret)?.[0];
  return operation && fd ? { operation, fd } : null;
}

function connected(
  operation: Operation,
  fd: string,
  ws: WebSocket,
  play: (exec: FakeExec) => void,
): void {
  const { exec } = operation;
  exec.sockets.set(fd, ws);
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (fd === 'control') exec.control.push(data.toString('utf8'));
    else if (isBinary) exec.input.push(data);
  });
  ws.on('close', () => {
    if (!operation.done) exec.closedByBerth.push(fd);
  });
  if (exec.sockets.size === operation.secrets.size) play(exec);
}
