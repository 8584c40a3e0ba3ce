/**
 * One long-lived `virsh event --loop --all` per driver, fanning its lines out to listeners by
 * domain name. It runs while anyone listens, is restarted if it dies (the daemon restarted),
 * and never keeps Node alive on its own.
 */
import { createInterface } from 'node:readline';
import type { Logger } from '../../core/logger';
import type { DriverEvent, DriverEventKind } from '../driver';
import { parseEventLine, toDriverEvent } from './events';
import type { Virsh } from './virsh';

type Listener = (event: DriverEvent) => void;
type EventLoop = ReturnType<Virsh['spawnEventLoop']>;

const RESTART_DELAY_MS = 1_000;
/** A stream that lived shorter than this failed at once (the daemon is still away). */
const SHORT_LIFE_MS = 5_000;

/** Lifecycle events of every domain on one connection. */
export class EventStream {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** The last kind delivered per domain, so "Resumed" + "Started" make one `running`. */
  private readonly lastKind = new Map<string, DriverEventKind>();
  private loop: EventLoop | null = null;
  private loopStartedAt = 0;
  private restartTimer: NodeJS.Timeout | null = null;

  /**
   * @param onRestart called after the stream came back from a gap, so callers can re-read
   *   the state of what they watch (events during the gap are lost).
   */
  constructor(
    private readonly virsh: Virsh,
    private readonly log: Logger,
    private readonly onRestart: () => void = () => undefined,
  ) {}

  /** Delivers `domain`'s events to `listener` until the returned function is called. */
  watch(domain: string, listener: Listener): () => void {
    let set = this.listeners.get(domain);
    if (!set) {
      set = new Set();
      this.listeners.set(domain, set);
    }
    set.add(listener);
    this.ensureRunning();
    return () => this.unwatch(domain, listener);
  }

  /**
   * Resolves true when `domain` reports one of `kinds` within `timeoutMs`, false otherwise;
   * an aborted `signal` resolves false at once.
   */
  waitFor(
    domain: string,
    kinds: readonly DriverEventKind[],
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (value: boolean): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        stop();
        resolve(value);
      };
      const onAbort = (): void => finish(false);
      const timer = setTimeout(() => finish(false), timeoutMs);
      const stop = this.watch(domain, (event) => {
        if (kinds.includes(event.kind)) finish(true);
      });
      if (signal?.aborted) finish(false);
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Ends the virsh process; later watches start a new one. */
  close(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const loop = this.loop;
    this.loop = null;
    loop?.kill('SIGTERM');
  }

  private unwatch(domain: string, listener: Listener): void {
    const set = this.listeners.get(domain);
    set?.delete(listener);
    if (set && set.size === 0) this.listeners.delete(domain);
    if (this.listeners.size === 0) this.close();
  }

  private ensureRunning(): void {
    if (this.loop || this.restartTimer) return;
    const loop = this.virsh.spawnEventLoop();
    this.loop = loop;
    this.loopStartedAt = Date.now();
    // The pipes and the child would otherwise keep a CLI process alive after its work.
    loop.unref();
    for (const pipe of [loop.stdout, loop.stderr]) {
      (pipe as { unref?: () => void } | null)?.unref?.();
    }
    if (loop.stdout) {
      createInterface({ input: loop.stdout }).on('line', (line) => this.onLine(line));
    }
    void loop.then((result) => this.onLoopExit(loop, result.exitCode ?? null, result.signal));
  }

  private onLoopExit(loop: EventLoop, code: number | null, signal: string | undefined): void {
    if (this.loop !== loop) return;
    this.loop = null;
    if (this.listeners.size === 0) return;
    // Warned once per gap; retries while the daemon is away are only worth a debug line.
    const retry = Date.now() - this.loopStartedAt < SHORT_LIFE_MS;
    const fields = { code, signal, retryInMs: RESTART_DELAY_MS };
    if (retry) this.log.debug('libvirt event stream could not start again yet', fields);
    else this.log.warn('libvirt event stream ended; restarting it', fields);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.listeners.size === 0) return;
      this.ensureRunning();
      this.onRestart();
    }, RESTART_DELAY_MS);
    this.restartTimer.unref();
  }

  /** Handles one line of virsh's output (public for tests with recorded lines). */
  onLine(line: string): void {
    const parsed = parseEventLine(line);
    if (!parsed) return;
    const event = toDriverEvent(parsed);
    if (!event) return;
    const previous = this.lastKind.get(parsed.domain);
    this.lastKind.set(parsed.domain, event.kind);
    if (event.kind === 'running' && previous === 'running') return;
    for (const listener of [...(this.listeners.get(parsed.domain) ?? [])]) listener(event);
  }
}
