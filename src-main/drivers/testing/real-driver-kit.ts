/**
 * Test support for drivers on real hypervisors: records a context's events and lets a test
 * wait for the next one of a kind, runs commands in the guest over SSH, and says which
 * required tool is missing from PATH.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runSsh } from '../../ssh/ssh-client';
import type { Driver, DriverContext, DriverEvent, DriverEventKind } from '../driver';

interface Waiter {
  kind: DriverEventKind;
  from: number;
  resolve: () => void;
}

/** Every event delivered to `onEvent`, in order. */
export class EventLog {
  readonly events: DriverEvent[] = [];
  private waiters: Waiter[] = [];

  readonly onEvent = (event: DriverEvent): void => {
    this.events.push(event);
    for (const waiter of [...this.waiters]) this.check(waiter);
  };

  /** Resolves when an event of `kind` arrives at or after position `from`. */
  next(kind: DriverEventKind, from: number, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${kind}' event`)), timeoutMs);
      const resolve = () => {
        clearTimeout(timer);
        resolvePromise();
      };
      const waiter = { kind, from, resolve };
      this.waiters.push(waiter);
      this.check(waiter);
    });
  }

  /** The kinds of the events from position `from` on. */
  kinds(from = 0): DriverEventKind[] {
    return this.events.slice(from).map((event) => event.kind);
  }

  private check(waiter: Waiter): void {
    if (!this.events.slice(waiter.from).some((event) => event.kind === waiter.kind)) return;
    this.waiters = this.waiters.filter((other) => other !== waiter);
    waiter.resolve();
  }
}

/** "<tool> is not installed" for the first of `tools` not on PATH, else null. */
export function missingTool(tools: readonly string[]): string | null {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  const absent = tools.find((tool) => !dirs.some((dir) => existsSync(join(dir, tool))));
  return absent ? `${absent} is not installed` : null;
}

/** Runs `command` in the guest as ubuntu over the driver's SSH endpoint; expects exit 0. */
export async function sshInGuest(
  driver: Driver,
  ctx: DriverContext,
  privateKey: string,
  command: string,
  timeoutMs: number,
): Promise<string> {
  const endpoint = await driver.sshEndpoint(ctx);
  if (!endpoint) throw new Error('no SSH endpoint while running');
  const target = { ...endpoint, user: 'ubuntu', privateKey };
  const result = await runSsh(target, command, { timeoutMs });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}
