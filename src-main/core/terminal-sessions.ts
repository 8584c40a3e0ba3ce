/**
 * The terminal sessions clients have open (`terminal.*`): each under an unguessable id, its
 * output pushed as `terminal.output` events and its end as `terminal.exited`.
 *
 * Known limitation: the transports hand the core requests, not the connection they came on,
 * and events go to every client; so a session cannot end when the client that opened it goes
 * away, and other clients of the same user can see its output. Instead a session that no
 * client has sent a request for in IDLE_TIMEOUT_MS is closed; clients keep a quiet session
 * alive with an empty `terminal.input` (the CLI sends one every KEEPALIVE_MS).
 *
 * Known limitation: output is pushed as fast as the guest writes it, with no flow control back
 * to the guest (the contract has none); a client that cannot keep up is cut off by its
 * transport once 16 MiB wait for it, rather than slowing the command down.
 */
import { randomBytes } from 'node:crypto';
import { BerthError } from '../../src-shared/errors';
import type { GuestSession } from '../drivers/driver';
import type { EventBus } from './event-bus';
import type { Logger } from './logger';

/** A session no client has asked anything of for this long is closed, in ms. */
export const IDLE_TIMEOUT_MS = 5 * 60_000;
/** How often a client should touch a quiet session, in ms. */
export const KEEPALIVE_MS = 60_000;
/** Open sessions at most; each holds a connection to a guest. */
export const MAX_SESSIONS = 64;

/** How the registry is set up. */
export interface TerminalSessionsOptions {
  bus: EventBus;
  log: Logger;
  idleTimeoutMs?: number;
  maxSessions?: number;
}

interface OpenSession {
  instance: string;
  guest: GuestSession;
  lastRequestAt: number;
}

/** Every open session, by id. */
export class TerminalSessions {
  private readonly open = new Map<string, OpenSession>();
  private readonly idleTimeoutMs: number;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly options: TerminalSessionsOptions) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  }

  /** How many sessions are open. */
  get size(): number {
    return this.open.size;
  }

  /** Takes over `guest`, opened in `instance`, and returns the session's id. */
  add(instance: string, guest: GuestSession): string {
    if (this.open.size >= (this.options.maxSessions ?? MAX_SESSIONS)) {
      guest.close();
      throw new BerthError('BUSY', 'Too many terminal sessions are open; close one first');
    }
    // 192 random bits: the id is all a client needs to type into the session.
    const sessionId = randomBytes(24).toString('base64url');
    this.open.set(sessionId, { instance, guest, lastRequestAt: Date.now() });
    const { bus, log } = this.options;
    guest.onData((data, stream) => {
      bus.emit('terminal.output', { sessionId, data: data.toString('base64'), stream });
    });
    guest.onExit((exitCode) => {
      this.open.delete(sessionId);
      if (this.open.size === 0) this.stopSweeping();
      log.info(`instance ${instance}: terminal session ended`, { exitCode });
      bus.emit('terminal.exited', { sessionId, exitCode });
    });
    if (this.open.has(sessionId)) this.startSweeping();
    return sessionId;
  }

  /** Sends `data` to the session; `eof` then ends its input. Empty data only keeps it alive. */
  input(sessionId: string, data: Buffer, eof: boolean): void {
    const { guest } = this.touch(sessionId);
    if (data.length > 0) guest.write(data);
    if (eof) guest.endInput();
  }

  resize(sessionId: string, cols: number, rows: number): void {
    this.touch(sessionId).guest.resize(cols, rows);
  }

  /** Hangs the session up; `terminal.exited` follows. */
  close(sessionId: string): void {
    this.touch(sessionId).guest.close();
  }

  /** Hangs every session up (the core is closing). */
  closeAll(): void {
    for (const { guest } of this.open.values()) guest.close();
    this.stopSweeping();
  }

  private touch(sessionId: string): OpenSession {
    const session = this.open.get(sessionId);
    if (!session) {
      throw new BerthError('NOT_FOUND', 'No such terminal session (it may have ended)');
    }
    session.lastRequestAt = Date.now();
    return session;
  }

  private startSweeping(): void {
    if (this.sweeper) return;
    const everyMs = Math.max(10, Math.floor(this.idleTimeoutMs / 5));
    this.sweeper = setInterval(() => this.closeIdle(), everyMs);
    this.sweeper.unref();
  }

  private stopSweeping(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  private closeIdle(): void {
    const cutoff = Date.now() - this.idleTimeoutMs;
    for (const { instance, guest, lastRequestAt } of this.open.values()) {
      if (lastRequestAt > cutoff) continue;
      this.options.log.warn(`instance ${instance}: closing a terminal session no client uses`, {
        idleMs: Date.now() - lastRequestAt,
      });
      guest.close();
    }
  }
}
