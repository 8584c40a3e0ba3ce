import { afterEach, describe, expect, it } from 'vitest';
import { generateSshKeyPair } from './keys';
import { startTestSshServer, type TestSshServer, unusedPort } from './test-ssh-server';
import { waitForSsh } from './wait-for-ssh';

const key = generateSshKeyPair('berth@test');
const servers: TestSshServer[] = [];
const timers: NodeJS.Timeout[] = [];

afterEach(async () => {
  for (const timer of timers.splice(0)) clearTimeout(timer);
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Starts the SSH server on `port` after `delayMs`, as a booting guest's sshd would. */
function startServerLater(port: number, delayMs: number): void {
  const timer = setTimeout(async () => {
    servers.push(await startTestSshServer(key.publicKey, port));
  }, delayMs);
  timers.push(timer);
}

describe('waitForSsh', () => {
  it('succeeds soon after the guest starts listening', async () => {
    const port = await unusedPort();
    const endpoint = { host: '127.0.0.1', port };
    const attempts: number[] = [];
    startServerLater(port, 500);

    const started = performance.now();
    const reached = await waitForSsh(endpoint, 'ubuntu', key.privateKey, {
      timeoutMs: 10_000,
      onAttempt: (attempt) => attempts.push(attempt),
    });
    const elapsedMs = performance.now() - started;

    expect(reached).toEqual(endpoint);
    expect(attempts.length).toBeGreaterThan(1);
    // Backoff starts at 100 ms and doubles: the server is seen within ~400 ms of opening.
    expect(elapsedMs).toBeGreaterThanOrEqual(450);
    expect(elapsedMs).toBeLessThan(2_500);
  });

  it('asks an endpoint function again until it knows the endpoint', async () => {
    const server = await startTestSshServer(key.publicKey);
    servers.push(server);
    let calls = 0;
    const source = async () => {
      calls += 1;
      return calls < 3 ? null : { host: '127.0.0.1', port: server.port };
    };

    const reached = await waitForSsh(source, 'ubuntu', key.privateKey, { timeoutMs: 5_000 });

    expect(reached.port).toBe(server.port);
    expect(calls).toBe(3);
  });

  it('times out with the last failure when nothing listens', async () => {
    const endpoint = { host: '127.0.0.1', port: await unusedPort() };

    const wait = waitForSsh(endpoint, 'ubuntu', key.privateKey, { timeoutMs: 600 });

    await expect(wait).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringMatching(/within 0\.6 s; last attempt: Nothing accepts SSH/),
    });
  });

  it('stops with CANCELLED when aborted', async () => {
    const endpoint = { host: '127.0.0.1', port: await unusedPort() };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);

    const started = performance.now();
    const wait = waitForSsh(endpoint, 'ubuntu', key.privateKey, {
      timeoutMs: 10_000,
      signal: controller.signal,
    });

    await expect(wait).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
