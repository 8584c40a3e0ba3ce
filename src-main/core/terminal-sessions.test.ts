import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../src-shared/api';
import { EventBus } from './event-bus';
import { silentLogger } from './logger';
import { TerminalSessions } from './terminal-sessions';
import { FakeGuestSession } from './testing/fake-guest-session';

const events: { event: ApiEvent; payload: unknown }[] = [];

function registry(options: { idleTimeoutMs?: number; maxSessions?: number } = {}) {
  const bus = new EventBus();
  bus.subscribe((event, payload) => events.push({ event, payload }));
  return new TerminalSessions({ bus, log: silentLogger, ...options });
}

afterEach(() => {
  events.length = 0;
  vi.useRealTimers();
});

describe('terminal sessions', () => {
  it('gives each session a long random id', () => {
    const sessions = registry();
    const ids = Array.from({ length: 20 }, () => sessions.add('web', new FakeGuestSession()));
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('pushes output as base64 with its stream, then the exit, and forgets the session', () => {
    const sessions = registry();
    const guest = new FakeGuestSession();
    guest.print('early\n');
    const sessionId = sessions.add('web', guest);
    guest.print('oops', 'stderr');
    guest.exit(7);

    expect(events).toEqual([
      { event: 'terminal.output', payload: { sessionId, data: 'ZWFybHkK', stream: 'stdout' } },
      { event: 'terminal.output', payload: { sessionId, data: 'b29wcw==', stream: 'stderr' } },
      { event: 'terminal.exited', payload: { sessionId, exitCode: 7 } },
    ]);
    expect(sessions.size).toBe(0);
    expect(() => sessions.input(sessionId, Buffer.from('x'), false)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('routes input, end of input, resizes and the hang-up to the guest', () => {
    const sessions = registry();
    const guest = new FakeGuestSession();
    const id = sessions.add('web', guest);

    sessions.input(id, Buffer.from('ls\r'), false);
    sessions.input(id, Buffer.alloc(0), true);
    sessions.resize(id, 120, 40);
    sessions.close(id);

    expect(guest).toMatchObject({ typed: 'ls\r', inputEnded: true, sizes: [[120, 40]] });
    expect(guest.closed).toBe(true);
    expect(events.at(-1)).toEqual({
      event: 'terminal.exited',
      payload: { sessionId: id, exitCode: 129 },
    });
  });

  it('refuses ids it did not hand out', () => {
    const sessions = registry();
    sessions.add('web', new FakeGuestSession());
    expect(() => sessions.resize('guessed', 80, 24)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('closes a session no client has touched for the idle timeout, not one kept alive', () => {
    vi.useFakeTimers();
    const sessions = registry({ idleTimeoutMs: 1_000 });
    const abandoned = new FakeGuestSession();
    const kept = new FakeGuestSession();
    sessions.add('web', abandoned);
    const keptId = sessions.add('web', kept);

    for (let i = 0; i < 6; i += 1) {
      vi.advanceTimersByTime(400);
      sessions.input(keptId, Buffer.alloc(0), false);
    }

    expect(abandoned.closed).toBe(true);
    expect(kept.closed).toBe(false);
    expect(kept.typed).toBe('');
  });

  it('refuses a session past the limit and hangs the new one up', () => {
    const sessions = registry({ maxSessions: 1 });
    sessions.add('web', new FakeGuestSession());
    const extra = new FakeGuestSession();
    expect(() => sessions.add('web', extra)).toThrow(expect.objectContaining({ code: 'BUSY' }));
    expect(extra.closed).toBe(true);
  });
});
