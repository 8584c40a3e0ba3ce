import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../core/logger';
import type { GuestSession } from '../driver';
import { openExecSession } from './exec-session';
import { LxdClient } from './rest-client';
import { type FakeExec, type FakeExecLxd, startFakeExecLxd } from './testing/fake-exec-lxd';

let fake: FakeExecLxd | null = null;
afterEach(async () => {
  await fake?.dispose();
  fake = null;
});

/** Starts the fake with `play` and opens one session through it. */
async function open(
  play: (exec: FakeExec) => void,
  terminal: { cols: number; rows: number } | null = null,
  argv = ['sh', '-c', 'true'],
) {
  fake = await startFakeExecLxd(play);
  const client = new LxdClient({ socketPath: fake.socketPath }, 'berth');
  const session = await openExecSession(client, 'web', { argv, terminal }, silentLogger);
  const exec = fake.execs[0] as FakeExec;
  return { session, exec, ...record(session) };
}

function record(session: GuestSession) {
  const seen = { stdout: '', stderr: '' };
  session.onData((data, stream) => {
    seen[stream] += data.toString('utf8');
  });
  const exit = new Promise<number | null>((resolve) => session.onExit(resolve));
  return { seen, exit };
}

describe('commands through LXD exec websockets', () => {
  it('opens a terminal of the asked size, passes keys and resizes, reports the exit', async () => {
    const { session, exec, seen, exit } = await open(
      (e) => e.print('0', '$ '),
      { cols: 80, rows: 24 },
      ['su', '-l', 'ubuntu'],
    );
    expect(exec.body).toMatchObject({
      command: ['su', '-l', 'ubuntu'],
      interactive: true,
      'wait-for-websocket': true,
      width: 80,
      height: 24,
      environment: { TERM: 'xterm-256color' },
    });

    session.write(Buffer.from('ls\r'));
    session.resize(100, 30);
    await vi.waitFor(() => expect(exec.control).toHaveLength(1));
    expect(JSON.parse(exec.control[0] ?? '')).toEqual({
      command: 'window-resize',
      args: { width: '100', height: '30' },
    });
    expect(Buffer.concat(exec.input).toString()).toBe('ls\r');

    exec.endStream('0');
    // LXD finishes a terminal's operation only once Berth has closed the data socket too.
    await vi.waitFor(() => expect(exec.closedByBerth).toContain('0'));
    exec.finish(7);
    expect(await exit).toBe(7);
    expect(seen).toEqual({ stdout: '$ ', stderr: '' });
  });

  it('keeps stdout and stderr apart on pipes and ends the input on request', async () => {
    const { session, exec, seen, exit } = await open((e) => {
      e.print('1', 'out');
      e.print('2', 'err');
    });
    session.write(Buffer.from('in'));
    session.endInput();
    await vi.waitFor(() => expect(exec.closedByBerth).toContain('0'));
    expect(Buffer.concat(exec.input).toString()).toBe('in');

    exec.endStream('1');
    exec.endStream('2');
    // 127 makes LXD call the operation a failure ("Command not found"); the code still counts.
    exec.finish(127, 'Failure');
    expect(await exit).toBe(127);
    expect(seen).toEqual({ stdout: 'out', stderr: 'err' });
  });

  it('asks a piped command to stop when closed', async () => {
    const { session, exec } = await open(() => undefined);
    session.close();
    await vi.waitFor(() => expect(exec.control).toHaveLength(1));
    expect(JSON.parse(exec.control[0] ?? '')).toEqual({ command: 'signal', signal: 15 });
  });

  it('hangs a terminal up by dropping its streams', async () => {
    const { session, exec } = await open(() => undefined, { cols: 80, rows: 24 });
    session.close();
    await vi.waitFor(() => expect(exec.closedByBerth.sort()).toEqual(['0', 'control']));
  });

  it('reports no exit code when LXD goes away mid-command', async () => {
    const { exit } = await open(() => undefined);
    await fake?.dispose();
    fake = null;
    expect(await exit).toBeNull();
  });

  it('ignores what it cannot read on the control socket', async () => {
    const { exec, exit } = await open((e) => {
      e.sockets.get('control')?.send('not json');
      e.sockets.get('control')?.send(JSON.stringify({ command: 'something-new' }));
      e.endStream('1');
      e.endStream('2');
      e.finish(0);
    });
    expect(await exit).toBe(0);
    expect(exec.body.interactive).toBe(false);
  });

  it('fails plainly when LXD refuses a stream', async () => {
    fake = await startFakeExecLxd(() => undefined, { refuseStreams: true });
    const client = new LxdClient({ socketPath: fake.socketPath });
    const request = { argv: ['true'], terminal: null };
    await expect(openExecSession(client, 'web', request, silentLogger)).rejects.toMatchObject({
      code: 'HYPERVISOR_ERROR',
      message: expect.stringContaining('LXD refused an exec stream'),
    });
  });
});
