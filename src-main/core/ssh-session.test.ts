import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GuestSession } from '../drivers/driver';
import { generateSshKeyPair } from '../ssh/keys';
import { unusedPort } from '../ssh/test-ssh-server';
import { openSshSession } from './ssh-session';
import { type PtySshServer, startPtySshServer } from './testing/pty-ssh-server';

const key = generateSshKeyPair('berth@test');
let server: PtySshServer;

beforeAll(async () => {
  server = await startPtySshServer(key.publicKey);
});
afterAll(async () => {
  await server.close();
});

const target = (privateKey = key.privateKey, port = server.port) => ({
  host: '127.0.0.1',
  port,
  user: 'ubuntu',
  privateKey,
});

/** Everything a session prints, by stream, and its exit code. */
function record(session: GuestSession) {
  const seen = { stdout: '', stderr: '' };
  session.onData((data, stream) => {
    seen[stream] += data.toString('utf8');
  });
  const exit = new Promise<number | null>((resolve) => session.onExit(resolve));
  return { seen, exit };
}

describe('terminals over SSH', () => {
  it('opens a login shell on a terminal of the asked size, follows resizes, exits', async () => {
    const session = await openSshSession(target(), {
      argv: null,
      terminal: { cols: 80, rows: 24 },
    });
    const { seen, exit } = record(session);
    expect(server.size).toEqual({ cols: 80, rows: 24 });

    session.resize(132, 43);
    session.write(Buffer.from('size\r'));
    await vi.waitFor(() => expect(seen.stdout).toContain('43 132'));
    session.write(Buffer.from('exit 5\r'));

    expect(await exit).toBe(5);
  });

  it('runs a command word for word on a terminal', async () => {
    const session = await openSshSession(target(), {
      argv: ['printf', "it's %s", 'a b'],
      terminal: { cols: 80, rows: 24 },
    });
    const { exit } = record(session);
    expect(await exit).toBe(0);
    expect(server.commands.at(-1)).toBe(`'printf' 'it'\\''s %s' 'a b'`);
  });

  it('keeps stdout and stderr apart on pipes, and reports the exit status', async () => {
    const session = await openSshSession(target(), {
      argv: ['sh', '-c', 'exit 3'],
      terminal: null,
    });
    const { seen, exit } = record(session);
    expect(await exit).toBe(3);
    expect(seen).toEqual({ stdout: "ran: 'sh' '-c' 'exit 3'\n", stderr: 'err\n' });
  });

  it('passes input through pipes until it is ended', async () => {
    const session = await openSshSession(target(), { argv: ['cat'], terminal: null });
    const { seen, exit } = record(session);
    session.write(Buffer.from('piped\n'));
    session.endInput();
    expect(await exit).toBe(0);
    expect(seen.stdout).toBe('piped\n');
  });

  it('reports death by a signal as a shell does (128 + its number)', async () => {
    const session = await openSshSession(target(), { argv: ['kill -TERM'], terminal: null });
    expect(await record(session).exit).toBe(143);
  });

  it('ends with no exit code when Berth hangs up', async () => {
    const session = await openSshSession(target(), {
      argv: null,
      terminal: { cols: 80, rows: 24 },
    });
    const { exit } = record(session);
    session.close();
    expect(await exit).toBeNull();
  });

  it('says plainly when the guest refuses the key or nobody listens', async () => {
    const stranger = generateSshKeyPair('someone@else').privateKey;
    const request = { argv: ['true'], terminal: null };
    await expect(openSshSession(target(stranger), request)).rejects.toMatchObject({
      code: 'HYPERVISOR_ERROR',
      message: expect.stringContaining("refused Berth's SSH key"),
    });
    const port = await unusedPort();
    await expect(openSshSession(target(key.privateKey, port), request)).rejects.toMatchObject({
      message: `Nothing accepts SSH connections at ubuntu@127.0.0.1:${port}`,
    });
  });
});
