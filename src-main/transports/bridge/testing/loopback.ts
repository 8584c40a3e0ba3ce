/**
 * Test helpers for the bridge: raw HTTP requests (any Host and Origin, paths sent as typed)
 * and a WebSocket client that collects what it receives. Traffic goes to 127.0.0.1 only.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { BRIDGE_API_PATH, BRIDGE_TOKEN_COOKIE } from '../../../../src-shared/bridge';

/** One HTTP answer. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What to send; Host defaults to 127.0.0.1:<port>. */
export interface RawRequest {
  path: string;
  method?: string;
  headers?: Record<string, string>;
}

/** Sends one request to 127.0.0.1:`port` exactly as given (no path normalising). */
export function rawRequest(port: number, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: req.path,
        method: req.method ?? 'GET',
        // A fresh connection each time: a pooled one may outlive the bridge that served it.
        agent: false,
        headers: { host: `127.0.0.1:${port}`, ...req.headers },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The Cookie header carrying `token`. */
export function tokenCookieHeader(token: string): Record<string, string> {
  return { cookie: `${BRIDGE_TOKEN_COOKIE}=${token}` };
}

/**
 * A tiny built renderer (index.html, app.js, app.css) in `<new temp folder>/window`, so tests
 * can put files beside it that must never be served. Remove its parent when done.
 */
export async function makeRendererDir(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'berth-renderer-')), 'window');
  await mkdir(dir);
  const html = '<!doctype html><script src="app.js"></script><p>Berth window</p>\n';
  await writeFile(join(dir, 'index.html'), html);
  await writeFile(join(dir, 'app.js'), 'console.info("berth");\n');
  await writeFile(join(dir, 'app.css'), 'body { margin: 0; }\n');
  return dir;
}

/** A connected API socket with everything it received, parsed. */
export interface TestSocket {
  ws: WebSocket;
  received: unknown[];
  /** Resolves with the first received frame matching `match`. */
  next(match: (frame: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  closed: Promise<number>;
}

/** Options for `openApiSocket`: which Origin and token to present. */
export interface SocketOptions {
  origin?: string;
  token?: string;
  cookieToken?: string;
  path?: string;
}

/** Opens the bridge's API socket; rejects with the HTTP status when the upgrade is refused. */
export function openApiSocket(port: number, options: SocketOptions = {}): Promise<TestSocket> {
  const query = options.token === undefined ? '' : `?token=${options.token}`;
  const url = `ws://127.0.0.1:${port}${options.path ?? BRIDGE_API_PATH}${query}`;
  const ws = new WebSocket(url, {
    ...(options.origin === undefined ? {} : { origin: options.origin }),
    headers: options.cookieToken ? tokenCookieHeader(options.cookieToken) : {},
  });
  const received: unknown[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)));
    for (const wake of [...waiters]) wake();
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

  const next = (match: (frame: unknown) => boolean, timeoutMs = 2000) =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('No matching frame arrived')), timeoutMs);
      const check = () => {
        const found = received.find(match);
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
    });

  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, received, next, closed }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** True for a frame with this id. */
export const withId =
  (id: number) =>
  (frame: unknown): boolean =>
    typeof frame === 'object' && frame !== null && 'id' in frame && frame.id === id;
