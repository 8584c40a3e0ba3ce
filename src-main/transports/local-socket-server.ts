/**
 * The owner process's local socket: serves the contract to other processes on this computer
 * (a unix socket with mode 0600, or a named pipe on Windows), one JSON frame per line.
 *
 * Protocol:
 * - request `{id, method, params}` → reply `{id, ok: true, result}` or `{id, ok: false, error}`;
 *   requests on one connection run concurrently, so replies may come out of order.
 * - every event the core emits is pushed to every connection as `{event, payload}`; there is
 *   no subscribe frame, clients drop what they do not want.
 * - a line that is not JSON or not a request frame gets an INVALID_INPUT reply (id -1 when
 *   the id could not be read) and the connection stays open.
 * - a line over 1 MiB gets an INVALID_INPUT reply and the connection is closed.
 */
import { chmod, unlink } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type { ErrorEnvelope } from '../../src-shared/errors';
import type { Dispatcher } from './dispatcher';
import { createLineSplitter, encodeFrame, MAX_REQUEST_FRAME_BYTES } from './frames';
import { answerFrame, errorReply, UNKNOWN_FRAME_ID } from './request-frames';
import { prepareSocketPath } from './socket-path';

/** A client that stops reading is cut off once this much output waits for it, in bytes. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** A listening local socket. */
export interface LocalSocketServer {
  readonly path: string;
  /** Stops listening, drops every connection and removes the socket file. */
  close(): Promise<void>;
}

/** Options for `serveLocalSocket`. */
export interface ServeOptions {
  /** The data directory the path belongs to; decides whether the path is the tmp fallback. */
  dataDir: string;
  maxFrameBytes?: number;
}

/**
 * Serves `dispatcher` on `path` (see `socketPathFor`). Removes a stale socket file first;
 * throws BUSY when another process is serving there.
 */
export async function serveLocalSocket(
  dispatcher: Dispatcher,
  path: string,
  options: ServeOptions,
): Promise<LocalSocketServer> {
  await prepareSocketPath(path, options.dataDir);
  const connections = new Set<Socket>();
  const maxFrameBytes = options.maxFrameBytes ?? MAX_REQUEST_FRAME_BYTES;
  const server = createServer((socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    handleConnection(socket, dispatcher, maxFrameBytes);
  });

  await listen(server, path);
  // Only this user may talk to the owner; the directory alone is not relied on.
  if (process.platform !== 'win32') await chmod(path, 0o600);

  const unsubscribe = dispatcher.subscribe((event, payload) => {
    const frame = encodeFrame({ event, payload });
    for (const socket of connections) send(socket, frame);
  });

  const close = async (): Promise<void> => {
    unsubscribe();
    for (const socket of connections) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (process.platform !== 'win32') await unlink(path).catch(() => undefined);
  };
  return { path, close };
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Writes a frame unless the connection is gone or has stopped reading. */
function send(socket: Socket, frame: string): void {
  if (!socket.writable) return;
  if (socket.writableLength > MAX_BUFFERED_BYTES) {
    socket.destroy();
    return;
  }
  socket.write(frame);
}

function handleConnection(socket: Socket, dispatcher: Dispatcher, maxFrameBytes: number): void {
  const splitter = createLineSplitter(maxFrameBytes);
  let refused = false;
  // A client vanishing mid-reply is normal; there is nobody to tell.
  socket.on('error', () => socket.destroy());

  socket.on('data', (chunk: Buffer) => {
    if (refused) return;
    const { lines, overflow } = splitter.push(chunk);
    for (const line of lines) void handleLine(socket, dispatcher, line);
    if (!overflow) return;

    // The rest of the stream cannot be framed any more, so the connection goes.
    refused = true;
    const message = `Frame larger than ${maxFrameBytes} bytes; closing the connection`;
    sendError(socket, UNKNOWN_FRAME_ID, { code: 'INVALID_INPUT', message });
    socket.end();
  });
}

async function handleLine(socket: Socket, dispatcher: Dispatcher, line: string): Promise<void> {
  const { reply } = await answerFrame(line, dispatcher);
  send(socket, encodeFrame(reply));
}

function sendError(socket: Socket, id: number, error: ErrorEnvelope): void {
  send(socket, encodeFrame(errorReply(id, error)));
}
