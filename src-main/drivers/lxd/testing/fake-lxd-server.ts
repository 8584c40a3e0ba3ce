/**
 * A stand-in for LXD's unix socket in unit tests: an HTTP server answering from a route table,
 * with an `/1.0/events` websocket the test can push lifecycle events into. It is not LXD; the
 * real-daemon suite (e2e/lxd-lifecycle.e2e.test.ts) covers that.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type WebSocket, WebSocketServer } from 'ws';

/** One canned answer: HTTP status plus the JSON body. */
export interface FakeAnswer {
  status?: number;
  body: unknown;
}

/** Answers `METHOD path` (path without query); unknown routes get LXD's 404 envelope. */
export type FakeRoutes = Record<string, (req: IncomingMessage) => FakeAnswer>;

/** A running fake. */
export interface FakeLxd {
  socketPath: string;
  /** Every request received, as "METHOD /path?query". */
  requests: string[];
  /** Sends `event` to every connected events websocket. */
  push(event: unknown): void;
  /** Number of events websockets connected now. */
  readonly listeners: number;
  /** Stops listening (clients see the daemon go away); `start` brings it back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** A sync answer envelope around `metadata`. */
export function sync(metadata: unknown): FakeAnswer {
  return { body: { type: 'sync', status: 'Success', status_code: 200, metadata } };
}

/** LXD's error envelope. */
export function lxdError(code: number, error: string): FakeAnswer {
  return { status: code, body: { type: 'error', error, error_code: code, metadata: null } };
}

/** Starts a fake LXD answering `routes`. */
export async function startFakeLxd(routes: FakeRoutes): Promise<FakeLxd> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-fake-lxd-'));
  const socketPath = join(dir, 'unix.socket');
  const requests: string[] = [];
  const sockets = new Set<WebSocket>();
  let server: Server | null = null;

  const listen = () =>
    new Promise<void>((resolve) => {
      const http = createServer((req, res) => {
        requests.push(`${req.method} ${req.url}`);
        const path = (req.url ?? '').split('?')[0];
        const route = routes[`${req.method} ${path}`];
        const answer = route ? route(req) : lxdError(404, 'not found');
        req.resume();
        req.on('end', () => {
          res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(answer.body));
        });
      });
      const wss = new WebSocketServer({ server: http, path: '/1.0/events' });
      wss.on('connection', (ws, req) => {
        requests.push(`GET ${req.url}`);
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
      });
      server = http;
      http.listen(socketPath, resolve);
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const ws of sockets) ws.terminate();
      sockets.clear();
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
      server = null;
    });

  await listen();
  return {
    socketPath,
    requests,
    push: (event) => {
      for (const ws of sockets) ws.send(JSON.stringify(event));
    },
    get listeners() {
      return sockets.size;
    },
    stop,
    start: listen,
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
