/**
 * A BerthClient over the owner's local socket (see local-socket-server.ts for the protocol).
 * Replies are checked against the contract's response schemas before they reach the caller.
 */
import { connect, type Socket } from 'node:net';
import type { ApiMethod, ApiRequest, ApiResponse, BerthClient } from '../../src-shared/api';
import { deliverFrame, type PendingCall } from '../../src-shared/client-frames';
import { BerthError } from '../../src-shared/errors';
import { createEventRouter, type EventRouter } from '../../src-shared/event-router';
import {
  createLineSplitter,
  encodeFrame,
  MAX_REPLY_FRAME_BYTES,
  MAX_REQUEST_FRAME_BYTES,
  parseJsonLine,
} from './frames';

/**
 * Connects to the owner at `path` (see `socketPathFor`). Rejects with the Node error when
 * nobody serves there (`isNobodyListening` tells those apart).
 */
export async function connectLocalSocket(path: string): Promise<BerthClient> {
  const socket = await new Promise<Socket>((resolve, reject) => {
    const candidate = connect(path);
    candidate.once('error', reject);
    candidate.once('connect', () => {
      candidate.off('error', reject);
      resolve(candidate);
    });
  });
  return new LocalSocketClient(socket);
}

class LocalSocketClient implements BerthClient {
  private readonly pending = new Map<number, PendingCall>();
  private readonly router: EventRouter = createEventRouter();
  private nextId = 1;
  private closedError: BerthError | null = null;

  constructor(private readonly socket: Socket) {
    const splitter = createLineSplitter(MAX_REPLY_FRAME_BYTES);
    socket.on('data', (chunk: Buffer) => {
      const { lines, overflow } = splitter.push(chunk);
      for (const line of lines) this.handleLine(line);
      if (overflow) socket.destroy(new Error('The owner sent a frame larger than 64 MiB'));
    });
    let failure = 'The Berth owner process closed the connection';
    socket.on('error', (error) => {
      failure = `Lost the connection to the Berth owner process: ${error.message}`;
    });
    socket.on('close', () => this.failAll(new BerthError('INTERNAL', failure)));
  }

  on: EventRouter['on'] = (event, listener) => this.router.on(event, listener);

  call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = this.nextId++;
    const frame = encodeFrame({ id, method, params });
    if (Buffer.byteLength(frame) > MAX_REQUEST_FRAME_BYTES) {
      const message = `The ${method} request is larger than ${MAX_REQUEST_FRAME_BYTES} bytes`;
      return Promise.reject(new BerthError('INVALID_INPUT', message));
    }

    return new Promise<ApiResponse<M>>((resolve, reject) => {
      // deliverFrame checked the result against API[method].response, so the cast holds.
      const settle = (result: unknown) => resolve(result as ApiResponse<M>);
      this.pending.set(id, { method, resolve: settle, reject });
      this.socket.write(frame);
    });
  }

  async close(): Promise<void> {
    this.router.clear();
    if (this.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
    });
  }

  private handleLine(line: string): void {
    const json = parseJsonLine(line);
    if (!json.ok) return;
    deliverFrame(json.value, this.router, this.pending);
  }

  private failAll(error: BerthError): void {
    this.closedError = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
