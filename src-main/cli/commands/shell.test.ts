import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeInstance } from '../../transports/testing/fake-core';
import { FakeTerminal } from '../testing/fake-terminal';
import { type GuestHarness, openGuestHarness } from '../testing/guest-harness';
import { createShellCommand } from './shell';

let g: GuestHarness;
afterEach(async () => {
  await g.h.dispose();
});

/** A guest whose shell prints a prompt and ends with the N of "exit N" typed into it. */
async function shellGuest(state: 'running' | 'stopped' = 'running') {
  g = await openGuestHarness();
  g.h.core.instances.set('primary', fakeInstance('primary', { state }));
  g.h.core.instances.set('dev', fakeInstance('dev', { state }));
  g.h.core.settings.set('client.primary-name', 'primary');
  g.guest.onOpen = () => g.guest.print('$ ');
  g.guest.onInput = (typed) => {
    const exit = /exit (\d+)\r$/.exec(typed);
    if (exit) g.guest.exit(Number(exit[1]));
  };
}

describe('berth shell', () => {
  it('opens a login shell in the primary instance in raw mode, then restores it', async () => {
    await shellGuest();
    const io = new FakeTerminal(true);
    const done = g.run(
      createShellCommand(() => io),
      [],
    );
    await expectPrompt(io);
    await io.type('exit 4\r');

    expect(await done).toBe(4);
    expect(g.guest.opened).toEqual([{ instance: 'primary', cols: 80, rows: 24, tty: true }]);
    expect(io).toMatchObject({ stdout: '$ ', rawEntered: 1, raw: false, reading: false });
  });

  it('opens a named instance, following window resizes', async () => {
    await shellGuest();
    const io = new FakeTerminal(true);
    const done = g.run(
      createShellCommand(() => io),
      ['dev'],
    );
    await expectPrompt(io);
    io.resize(120, 40);
    await io.type('exit 0\r');

    expect(await done).toBe(0);
    expect(g.guest.opened[0]?.instance).toBe('dev');
    expect(g.guest.resizes).toEqual([[120, 40]]);
  });

  it('starts a stopped instance first', async () => {
    await shellGuest('stopped');
    const io = new FakeTerminal(true);
    const done = g.run(
      createShellCommand(() => io),
      [],
    );
    await expectPrompt(io);
    await io.type('exit 0\r');

    expect(await done).toBe(0);
    expect(g.h.stderr).toContain('Starting primary');
    expect(g.h.core.dispatched.map((d) => d.method)).toContain('instances.start');
  });

  it('reads commands from a pipe on plain pipes, the login shell run by sh', async () => {
    await shellGuest();
    const io = new FakeTerminal(false);
    g.guest.onOpen = () => void io.type('hostname\n').then(() => io.endInput());
    g.guest.onInput = (typed) => {
      if (typed.endsWith('<EOF>')) g.guest.exit(0);
    };

    expect(
      await g.run(
        createShellCommand(() => io),
        [],
      ),
    ).toBe(0);
    expect(g.guest.opened[0]).toMatchObject({ tty: false, argv: ['sh', '-c', expect.any(String)] });
    expect(g.guest.typed).toBe('hostname\n<EOF>');
    expect(io.rawEntered).toBe(0);
  });

  it('hangs the session up when its terminal window closes, restoring the terminal', async () => {
    await shellGuest();
    const io = new FakeTerminal(true);
    const done = g.run(
      createShellCommand(() => io),
      [],
    );
    await expectPrompt(io);
    io.hangUp();
    await vi.waitFor(() => expect(g.guest.closes).toBe(1));
    g.guest.exit(129);

    expect(await done).toBe(129);
    expect(io.raw).toBe(false);
  });

  it('asks for a name when no primary instance is set', async () => {
    await shellGuest();
    g.h.core.settings.set('client.primary-name', '');
    const run = g.run(
      createShellCommand(() => new FakeTerminal(true)),
      [],
    );
    await expect(run).rejects.toThrow('Name an instance: no primary instance is set');
  });
});

async function expectPrompt(io: FakeTerminal): Promise<void> {
  for (let i = 0; i < 200 && !io.stdout.includes('$ '); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(io.stdout).toContain('$ ');
}
