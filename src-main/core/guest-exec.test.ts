import { describe, expect, it } from 'vitest';
import { collectOutput } from './guest-exec';
import { FakeGuestSession } from './testing/fake-guest-session';

const limits = (extra: { timeoutMs?: number; signal?: AbortSignal } = {}) => ({
  timeoutMs: extra.timeoutMs ?? 5_000,
  signal: extra.signal ?? new AbortController().signal,
});

describe('running a command to its end', () => {
  it('returns the exit code, stdout and stderr apart, and gives an empty input', async () => {
    const session = new FakeGuestSession();
    const outcome = collectOutput(session, limits());
    session.print('out 1\n');
    session.print('oops\n', 'stderr');
    session.print('out 2\n');
    session.exit(3);

    expect(await outcome).toEqual({ exitCode: 3, stdout: 'out 1\nout 2\n', stderr: 'oops\n' });
    expect(session.inputEnded).toBe(true);
  });

  it('keeps output up to the cap and says on stderr how much was dropped', async () => {
    const session = new FakeGuestSession();
    const outcome = collectOutput(session, { ...limits(), maxCaptureBytes: 10 });
    session.print('12345678');
    session.print('abcdef', 'stderr');
    session.exit(0);

    const { stdout, stderr } = await outcome;
    expect(stdout).toBe('12345678');
    expect(stderr).toBe(
      'ab\nberth: output truncated: only the first 10 bytes were kept (4 more dropped)\n',
    );
  });

  it('stops a command that runs past its deadline, in the guest too', async () => {
    const session = new FakeGuestSession('stay-open');
    const outcome = collectOutput(session, limits({ timeoutMs: 50 }));

    await expect(outcome).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'The command did not finish within 0 s; it was stopped',
    });
    expect(session.closed).toBe(true);
  });

  it('stops the command when cancelled', async () => {
    const session = new FakeGuestSession('stay-open');
    const cancel = new AbortController();
    const outcome = collectOutput(session, limits({ signal: cancel.signal }));
    cancel.abort();

    await expect(outcome).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(session.closed).toBe(true);
  });

  it('fails plainly when the connection to the guest is lost', async () => {
    const session = new FakeGuestSession();
    const outcome = collectOutput(session, limits());
    session.exit(null);

    await expect(outcome).rejects.toMatchObject({
      code: 'HYPERVISOR_ERROR',
      message: 'The connection to the guest was lost',
    });
  });
});
