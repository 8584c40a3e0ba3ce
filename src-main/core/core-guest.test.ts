import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SpawnRequest, TerminalRequest } from '../drivers/driver';
import { type CoreHarness, openHarness, rejection } from './testing/core-harness';
import { FakeGuestSession } from './testing/fake-guest-session';

let h: CoreHarness;
beforeEach(async () => {
  h = await openHarness();
  await h.call('instances.launch', { name: 'web', image: h.image });
});
afterEach(async () => {
  await h.dispose();
});

/** Gives the QEMU fake its own way into guests, as LXD has, handing out `guest`. */
function driverOpens(guest: FakeGuestSession) {
  const asked: (SpawnRequest | TerminalRequest)[] = [];
  h.qemu.spawn = async (_ctx, request) => {
    asked.push(request);
    return guest;
  };
  h.qemu.terminal = async (_ctx, request) => {
    asked.push(request);
    return guest;
  };
  return asked;
}

const eventsOf = (name: string) => h.events.filter((e) => e.event === name).map((e) => e.payload);

describe('commands in guests (instances.exec)', () => {
  it('runs the command through the driver as the instance user, with its outcome', async () => {
    const guest = new FakeGuestSession();
    const asked = driverOpens(guest);
    const result = h.call('instances.exec', { name: 'web', argv: ['cat', '/etc/hostname'] });
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    guest.print('web\n');
    guest.exit(0);

    expect(await result).toEqual({ exitCode: 0, stdout: 'web\n', stderr: '' });
    expect(asked[0]).toEqual({ argv: ['cat', '/etc/hostname'], user: 'ubuntu' });
    expect(eventsOf('operation.finished')).toContainEqual(
      expect.objectContaining({ instance: 'web', kind: 'exec', error: null }),
    );
  });

  it('can be cancelled through its operation', async () => {
    const guest = new FakeGuestSession('stay-open');
    driverOpens(guest);
    const result = h.call('instances.exec', {
      name: 'web',
      argv: ['sleep', '1000'],
      operationId: 'ex-1',
    });
    await vi.waitFor(() => expect(h.core.core.parts.ops.list()).toHaveLength(1));
    expect(await h.call('operations.cancel', { operationId: 'ex-1' })).toEqual({ cancelled: true });

    expect((await rejection(result)).code).toBe('CANCELLED');
    expect(guest.closed).toBe(true);
  });

  it('refuses an instance that is not running, naming its state', async () => {
    driverOpens(new FakeGuestSession());
    await h.call('instances.stop', { name: 'web' });
    const error = await rejection(h.call('instances.exec', { name: 'web', argv: ['true'] }));
    expect(error).toMatchObject({
      code: 'INVALID_STATE',
      message: 'web is stopped; start it first',
    });
    const missing = await rejection(h.call('instances.exec', { name: 'nope', argv: ['true'] }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('goes over SSH with Berth’s key when the driver has no way of its own', async () => {
    // The fake's SSH endpoint (127.0.0.1:2222) has nobody listening: the error shows the path.
    const error = await rejection(h.call('instances.exec', { name: 'web', argv: ['true'] }));
    expect(error.code).toBe('HYPERVISOR_ERROR');
    expect(error.message).toContain('ubuntu@127.0.0.1:2222');
  });
});

describe('terminals in guests (terminal.*)', () => {
  it('opens a login shell, passes input and resizes, pushes output, and closes', async () => {
    const guest = new FakeGuestSession();
    const asked = driverOpens(guest);
    const { sessionId } = await h.call('terminal.open', { instance: 'web', cols: 80, rows: 24 });
    expect(asked[0]).toEqual({ argv: null, cols: 80, rows: 24, user: 'ubuntu' });

    await h.call('terminal.input', {
      sessionId,
      data: Buffer.from('echo hi\r').toString('base64'),
    });
    await h.call('terminal.resize', { sessionId, cols: 100, rows: 30 });
    guest.print('hi\r\n');
    await h.call('terminal.close', { sessionId });

    expect(guest).toMatchObject({ typed: 'echo hi\r', sizes: [[100, 30]], closed: true });
    expect(eventsOf('terminal.output')).toEqual([
      { sessionId, data: Buffer.from('hi\r\n').toString('base64'), stream: 'stdout' },
    ]);
    expect(eventsOf('terminal.exited')).toEqual([{ sessionId, exitCode: 129 }]);
    const gone = await rejection(h.call('terminal.close', { sessionId }));
    expect(gone.code).toBe('NOT_FOUND');
  });

  it('runs a command on pipes with tty false, ending its input on eof', async () => {
    const guest = new FakeGuestSession();
    const asked = driverOpens(guest);
    const { sessionId } = await h.call('terminal.open', {
      instance: 'web',
      argv: ['wc', '-c'],
      cols: 80,
      rows: 24,
      tty: false,
    });
    await h.call('terminal.input', { sessionId, data: 'YWJj', eof: true });

    expect(asked[0]).toEqual({ argv: ['wc', '-c'], user: 'ubuntu' });
    expect(guest).toMatchObject({ typed: 'abc', inputEnded: true });
    const noCommand = h.call('terminal.open', { instance: 'web', cols: 80, rows: 24, tty: false });
    expect((await rejection(noCommand)).code).toBe('INVALID_INPUT');
  });
});
