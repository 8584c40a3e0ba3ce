/**
 * The contract over WebSocket at BRIDGE_API_PATH: one request, reply or event frame (the
 * shared frames of api.ts) per text message. The upgrade passes the same checks as every
 * page request and must carry Berth's own Origin. Bad frames get an INVALID_INPUT reply and
 * the socket stays open; a message over the size limit closes the socket (code 1009).
 */
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { BRIDGE_API_PATH } from '../../../src-shared/bridge';
import type { Logger } from '../../core/logger';
import type { Dispatcher } from '../dispatcher';
import { answerFrame, errorReply, UNKNOWN_FRAME_ID } from '../request-frames';
import { securityHeaders } from './headers';
import type { Refusal, RefusalLog } from './refusals';
import { type BridgeSite, checkRequest, describeRequest, parseTarget } from './request-checks';

/** A page that stops reading is cut off once this much output waits for it, in bytes. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** How long a socket gets to finish its closing handshake when the bridge stops, in ms. */
const CLOSE_GRACE_MS = 500;
/** WebSocket close code for "the server is going away". */
const GOING_AWAY = 1001;

/** What the sockets serve and where they report. */
export interface ApiSocketsOptions {
  dispatcher: Dispatcher;
  site: BridgeSite;
  refusals: RefusalLog;
  log: Logger;
  maxMessageBytes: number;
}

/** The bridge's WebSocket side. */
export interface ApiSockets {
  /** The listener for the HTTP server's `upgrade` event. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every socket and stops pushing events. */
  close(): Promise<void>;
}

/** Creates the WebSocket side and subscribes it to the core's events. */
export function createApiSockets(options: ApiSocketsOptions): ApiSockets {
  const { dispatcher, log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const open = new Set<WebSocket>();

  const unsubscribe = dispatcher.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const ws of open) send(ws, text);
  });

  const handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(request, options.site);
    if (refusal) {
      options.refusals.record(refusal, describeRequest(request));
      refuseUpgrade(socket, options.site.port, refusal);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      open.add(ws);
      ws.once('close', () => open.delete(ws));
      log.debug('bridge socket opened', { open: open.size });
      serveSocket(ws, options);
    });
  };

  const close = async (): Promise<void> => {
    unsubscribe();
    await Promise.all([...open].map(closeSocket));
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };

  return { handleUpgrade, close };
}

function upgradeRefusal(request: IncomingMessage, site: BridgeSite): Refusal | null {
  const target = parseTarget(request.url);
  if (target?.pathname !== BRIDGE_API_PATH) {
    return { reason: 'badPath', status: 404, message: `Only ${BRIDGE_API_PATH} is a WebSocket` };
  }
  const checks = { headers: request.headers, search: target.searchParams, originRequired: true };
  return checkRequest(checks, site);
}

/** Answers a refused upgrade on the raw socket, since no HTTP response object exists for it. */
function refuseUpgrade(socket: Duplex, port: number, refusal: Refusal): void {
  const body = `${refusal.message}\n`;
  const headers = {
    ...securityHeaders(port),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  const status = `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}`;
  socket.end(`${status}\r\n${lines.join('\r\n')}\r\n\r\n${body}`);
}

function serveSocket(ws: WebSocket, options: ApiSocketsOptions): void {
  const { refusals, log } = options;
  const badFrame = (message: string) =>
    refusals.record({ reason: 'badFrame', status: 400, message }, { path: BRIDGE_API_PATH });

  ws.on('error', (error: Error & { code?: string }) => {
    // ws closes the socket itself after an error; only an oversized message is the page's doing.
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') badFrame(error.message);
    else log.debug('bridge socket error', { message: error.message });
  });

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      const message = 'Frames are JSON text messages, not binary';
      badFrame(message);
      send(ws, JSON.stringify(errorReply(UNKNOWN_FRAME_ID, { code: 'INVALID_INPUT', message })));
      return;
    }
    void answerFrame(textOf(data), options.dispatcher).then(({ reply, malformed }) => {
      if (malformed) badFrame(malformed);
      send(ws, JSON.stringify(reply));
    });
  });
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Sends unless the socket is gone; a page that stopped reading is cut off. */
function send(ws: WebSocket, text: string): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    ws.terminate();
    return;
  }
  ws.send(text);
}

function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(GOING_AWAY, 'Berth is stopping');
  });
}
