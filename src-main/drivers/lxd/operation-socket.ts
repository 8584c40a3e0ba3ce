/**
 * The websockets of an LXD operation (`/1.0/operations/<id>/websocket?secret=...`), over the
 * unix socket or, for a remote, over TLS with Berth's client certificate and the pinned server
 * certificate, as the REST client does.
 */
import WebSocket from 'ws';
import { BerthError } from '../../../src-shared/errors';
import { isRemote, type LxdClient, pinnedAgent } from './rest-client';

/** How long LXD gets to accept one websocket, in ms. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Starts connecting to websocket `secret` of operation `operationPath` ("/1.0/operations/<id>").
 * Returned at once, so listeners are in place before the first message can arrive.
 */
export function operationSocket(
  client: LxdClient,
  operationPath: string,
  secret: string,
): WebSocket {
  const base = operationPath.split('?')[0] ?? operationPath;
  const path = client.withProject(`${base}/websocket?secret=${encodeURIComponent(secret)}`);
  const { endpoint } = client;
  const options = { handshakeTimeout: CONNECT_TIMEOUT_MS };
  if (!isRemote(endpoint))
    return new WebSocket(`ws+unix://${endpoint.socketPath}:${path}`, options);
  const url = `${endpoint.url.replace(/^https:/, 'wss:')}${path}`;
  return new WebSocket(url, { ...options, agent: pinnedAgent(endpoint) });
}

/** Resolves once `socket` is open; rejects with a HYPERVISOR_ERROR when it cannot open. */
export function whenOpen(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      socket.off('open', opened);
      reject(new BerthError('HYPERVISOR_ERROR', `LXD refused an exec stream: ${error.message}`));
    };
    const opened = () => {
      socket.off('error', fail);
      resolve();
    };
    if (socket.readyState === socket.OPEN) return resolve();
    socket.once('open', opened);
    socket.once('error', fail);
  });
}

/** A websocket message as one Buffer, whichever form `ws` delivered it in. */
export function messageBytes(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
