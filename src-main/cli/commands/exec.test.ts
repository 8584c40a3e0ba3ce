import { afterEach, describe, expect, it } from 'vitest';
import { FakeTerminal } from '../testing/fake-terminal';
import { type GuestHarness, openGuestHarness } from '../testing/guest-harness';
import { createExecCommand, splitCommand } from './exec';

let g: GuestHarness;
afterEach(async () => {
  await g.h.dispose();
});

describe('berth exec', () => {
  it('streams stdout and stderr apart on pipes, passes stdin, exits with its code', async () => {
    g = await openGuestHarness();
    const io = new FakeTerminal(false);
    g.guest.onOpen = () => {
      g.guest.print('hello\n');
      g.guest.print('careful\n', 'stderr');
      void io.type('from stdin\n').then(() => io.endInput());
    };
    g.guest.onInput = (typed) => {
      if (typed.endsWith('<EOF>')) g.guest.exit(3);
    };

    const code = await g.run(
      createExecCommand(() => io),
      ['web', '--', 'sh', '-c', 'cat; exit 3'],
    );

    expect(code).toBe(3);
    expect(io).toMatchObject({ stdout: 'hello\n', stderr: 'careful\n', rawEntered: 0 });
    expect(g.guest.typed).toBe('from stdin\n<EOF>');
    expect(g.guest.opened).toEqual([
      { instance: 'web', argv: ['sh', '-c', 'cat; exit 3'], cols: 80, rows: 24, tty: false },
    ]);
    expect(g.h.core.closed).toBe(true);
  });

  it('gives the command a terminal when stdin and stdout are one, in raw mode', async () => {
    g = await openGuestHarness();
    const io = new FakeTerminal(true);
    g.guest.onOpen = () => {
      g.guest.print('$ ');
      io.resize(100, 30);
      void io.type('q');
    };
    g.guest.onInput = () => g.guest.exit(0);

    const code = await g.run(
      createExecCommand(() => io),
      ['web', 'top'],
    );

    expect(code).toBe(0);
    expect(g.guest.opened[0]).toMatchObject({ argv: ['top'], tty: true });
    expect(g.guest.resizes).toEqual([[100, 30]]);
    expect(io).toMatchObject({ stdout: '$ ', rawEntered: 1, raw: false, reading: false });
  });

  it('stays on pipes with --no-tty even on a terminal', async () => {
    g = await openGuestHarness();
    g.guest.onOpen = () => g.guest.exit(0);
    const command = createExecCommand(() => new FakeTerminal(true));
    expect(await g.run(command, ['-T', 'web', '--', 'true'])).toBe(0);
    expect(g.guest.opened[0]?.tty).toBe(false);
  });

  it('hangs the command up on Ctrl-C sent from outside and exits with its code', async () => {
    g = await openGuestHarness((h) => ({
      'terminal.close': async () => {
        h.core.emit('terminal.exited', { sessionId: 'session-1', exitCode: 143 });
        return { ok: true };
      },
    }));
    g.guest.onOpen = () => g.interrupt();
    const code = await g.run(
      createExecCommand(() => new FakeTerminal(false)),
      ['web', 'sleep'],
    );
    expect(code).toBe(143);
  });

  it('fails plainly when the guest connection is lost', async () => {
    g = await openGuestHarness();
    g.guest.onOpen = () => g.guest.exit(null);
    const run = g.run(
      createExecCommand(() => new FakeTerminal(false)),
      ['web', 'true'],
    );
    await expect(run).rejects.toMatchObject({
      code: 'HYPERVISOR_ERROR',
      message: 'The connection to the guest was lost',
    });
  });

  it('refuses a missing command or name before reaching the core', async () => {
    g = await openGuestHarness();
    const command = createExecCommand(() => new FakeTerminal(false));
    await expect(g.run(command, ['web'])).rejects.toThrow('Missing the command to run');
    await expect(g.run(command, ['--', 'ls'])).rejects.toThrow('Missing <name>');
    await expect(g.run(command, ['Bad_Name', 'ls'])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(g.h.opened).toEqual([]);
  });
});

describe('splitting berth exec words', () => {
  it('takes the command after --, or after the name, leaving its options alone', () => {
    expect(splitCommand(['web', '--', 'ls', '-la'])).toEqual({
      head: ['web'],
      command: ['ls', '-la'],
    });
    expect(splitCommand(['-T', 'web', 'ls', '-la', '--', 'x'])).toEqual({
      head: ['-T', 'web', 'ls', '-la'],
      command: ['x'],
    });
    expect(splitCommand(['-T', 'web', 'ls', '-la'])).toEqual({
      head: ['-T', 'web'],
      command: ['ls', '-la'],
    });
  });
});
