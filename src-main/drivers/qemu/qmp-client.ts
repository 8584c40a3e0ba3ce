/**
 * A small client for QEMU's machine protocol (QMP) over a unix socket: the handshake,
 * commands with ids and timeouts, asynchronous events, and the socket closing, which is how
 * the driver learns that QEMU exited without polling it.
 */
import { createConnection, type Socket } from 'node:net';
import { BerthError } from '../../../src-shared/errors';
import { decodeQmpLine, LineSplitter, type QmpEvent, type QmpGreeting } from './qmp-messages';

interface Pending {
  command: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Options for `QmpClient.connect`. */
export interface QmpConnectOptions {
  /** Limit for reaching the socket, the greeting and capability negotiation. */
  timeoutMs?: number;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;

function monitorClosed(command: string): BerthError {
  return new BerthError('HYPERVISOR_ERROR', `QEMU's monitor closed before answering ${command}`);
}

/** One open QMP connection. */
export class QmpClient {
  private readonly pending = new Map<string, Pending>();
  private readonly eventListeners = new Set<(event: QmpEvent) => void>();
  private readonly closeListeners = new Set<() => void>();
  private readonly lines = new LineSplitter();
  private nextId = 1;
  private greetingWaiter: ((greeting: QmpGreeting) => void) | null = null;
  private closedFlag = false;
  /** QEMU's greeting, set once connected. */
  greeting: QmpGreeting | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('close', () => this.handleClose());
    // Errors after connecting end in 'close', which is where they are handled.
    socket.on('error', () => undefined);
  }

  /** Connects to the monitor at `path`, reads the greeting and leaves negotiation mode. */
  static async connect(path: string, options: QmpConnectOptions = {}): Promise<QmpClient> {
    const timeoutMs = options.timeoutMs ?? 5_000;
    const socket = await openSocket(path, timeoutMs);
    const client = new QmpClient(socket);
    try {
      await client.waitForGreeting(timeoutMs);
      await client.execute('qmp_capabilities', undefined, timeoutMs);
    } catch (error) {
      client.close();
      throw error;
    }
    return client;
  }

  /** True once the socket closed (QEMU exited, or `close` was called). */
  get closed(): boolean {
    return this.closedFlag;
  }

  /** Runs `command` and resolves with its `return` value; rejects on an error reply. */
  execute(command: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<unknown> {
    if (this.closedFlag) return Promise.reject(monitorClosed(command));
    const id = `berth-${this.nextId++}`;
    const limitMs = timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new BerthError('TIMEOUT', `QEMU did not answer ${command} within ${limitMs} ms`));
      }, limitMs);
      this.pending.set(id, { command, resolve, reject, timer });
      const message = args ? { execute: command, arguments: args, id } : { execute: command, id };
      this.socket.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Runs a human monitor (HMP) command line and returns its printed output. */
  async human(commandLine: string, timeoutMs?: number): Promise<string> {
    const args = { 'command-line': commandLine };
    const output = await this.execute('human-monitor-command', args, timeoutMs);
    return typeof output === 'string' ? output : '';
  }

  /** Calls `listener` for each asynchronous event; returns the unsubscribe function. */
  onEvent(listener: (event: QmpEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Calls `listener` once when the socket closes; at once if it already has. */
  onClose(listener: () => void): () => void {
    if (this.closedFlag) {
      listener();
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Closes the connection; QEMU keeps running. */
  close(): void {
    this.socket.destroy();
  }

  private waitForGreeting(timeoutMs: number): Promise<QmpGreeting> {
    if (this.greeting) return Promise.resolve(this.greeting);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new BerthError('TIMEOUT', `QEMU's monitor sent no greeting within ${timeoutMs} ms`));
      }, timeoutMs);
      const stopWaiting = this.onClose(() => {
        clearTimeout(timer);
        reject(monitorClosed('the greeting'));
      });
      this.greetingWaiter = (greeting) => {
        clearTimeout(timer);
        stopWaiting();
        resolve(greeting);
      };
    });
  }

  private receive(chunk: string): void {
    for (const line of this.lines.push(chunk)) this.dispatch(line);
  }

  private dispatch(line: string): void {
    const message = decodeQmpLine(line);
    if (message.type === 'greeting') {
      this.greeting = message.greeting;
      this.greetingWaiter?.(message.greeting);
      this.greetingWaiter = null;
    } else if (message.type === 'event') {
      for (const listener of [...this.eventListeners]) listener(message.event);
    } else if (message.type === 'return' || message.type === 'error') {
      this.settle(message.id, message);
    }
  }

  private settle(
    id: unknown,
    message: { type: 'return'; value: unknown } | { type: 'error'; desc: string },
  ): void {
    if (typeof id !== 'string') return;
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (message.type === 'return') {
      pending.resolve(message.value);
    } else {
      const text = `QEMU refused ${pending.command}: ${message.desc}`;
      pending.reject(new BerthError('HYPERVISOR_ERROR', text));
    }
  }

  private handleClose(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(monitorClosed(pending.command));
    }
    this.pending.clear();
    for (const listener of [...this.closeListeners]) listener();
    this.closeListeners.clear();
  }
}

function openSocket(path: string, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new BerthError(
          'TIMEOUT',
          `QEMU's monitor at ${path} did not accept within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const reason = error.code ?? error.message;
      reject(
        new BerthError('HYPERVISOR_ERROR', `Cannot reach QEMU's monitor at ${path}: ${reason}`),
      );
    });
  });
}
