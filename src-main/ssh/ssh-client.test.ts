import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSshKeyPair } from './keys';
import { canConnect, runSsh } from './ssh-client';
import { startTestSshServer, type TestSshServer, unusedPort } from './test-ssh-server';

const key = generateSshKeyPair('berth@test');
const strangerKey = generateSshKeyPair('someone@else');
let server: TestSshServer;

beforeAll(async () => {
  server = await startTestSshServer(key.publicKey);
});

afterAll(async () => {
  await server.close();
});

function target(privateKey = key.privateKey) {
  return { host: '127.0.0.1', port: server.port, user: 'ubuntu', privateKey };
}

describe('runSsh', () => {
  it('runs a command and returns its output and exit status', async () => {
    const result = await runSsh(target(), 'echo hi; exit 3', { timeoutMs: 5_000 });

    expect(result).toEqual({ stdout: 'ran: echo hi; exit 3\n', stderr: 'from stderr\n', code: 3 });
    expect(server.commands).toContain('echo hi; exit 3');
  });

  it('connects and runs a command on loopback quickly', async () => {
    const started = performance.now();
    await runSsh(target(), 'true', { timeoutMs: 5_000 });
    const elapsedMs = performance.now() - started;

    expect(elapsedMs).toBeLessThan(1_000);
  });

  it('reports a refused key as a failure people can read', async () => {
    const attempt = runSsh(target(strangerKey.privateKey), 'true', { timeoutMs: 5_000 });

    await expect(attempt).rejects.toMatchObject({
      code: 'HYPERVISOR_ERROR',
      message: expect.stringContaining("refused Berth's SSH key"),
    });
  });

  it('reports a closed port as nothing listening', async () => {
    const port = await unusedPort();
    const attempt = runSsh({ ...target(), port }, 'true', { timeoutMs: 5_000 });

    await expect(attempt).rejects.toMatchObject({
      code: 'HYPERVISOR_ERROR',
      message: expect.stringContaining('Nothing accepts SSH connections'),
    });
  });

  it('times out against a port that accepts but never speaks SSH', async () => {
    await withRawListener(
      () => undefined,
      async (port) => {
        const attempt = runSsh({ ...target(), port }, 'true', { timeoutMs: 300 });

        await expect(attempt).rejects.toMatchObject({
          code: 'TIMEOUT',
          message: expect.stringContaining('within 300 ms'),
        });
      },
    );
  });

  it("explains a port that hangs up at once, as a booting guest's forward does", async () => {
    await withRawListener(
      (socket) => socket.destroy(),
      async (port) => {
        const attempt = runSsh({ ...target(), port }, 'true', { timeoutMs: 2_000 });

        await expect(attempt).rejects.toMatchObject({
          code: 'HYPERVISOR_ERROR',
          message: expect.stringContaining('closed the SSH connection early'),
        });
      },
    );
  });

  it('is cancelled by its signal', async () => {
    const attempt = runSsh(target(), 'true', { timeoutMs: 5_000, signal: AbortSignal.abort() });

    await expect(attempt).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('canConnect', () => {
  it('is true with the authorized key', async () => {
    const endpoint = { host: '127.0.0.1', port: server.port };

    expect(await canConnect(endpoint, 'ubuntu', key.privateKey, 5_000)).toBe(true);
  });

  it('is false with a key the guest does not trust', async () => {
    const endpoint = { host: '127.0.0.1', port: server.port };

    expect(await canConnect(endpoint, 'ubuntu', strangerKey.privateKey, 5_000)).toBe(false);
  });
});

/** Runs `body` with a plain TCP listener whose connections get `onSocket`. */
async function withRawListener(
  onSocket: (socket: Socket) => void,
  body: (port: number) => Promise<void>,
): Promise<void> {
  const sockets = new Set<Socket>();
  const listener: Server = createServer((socket) => {
    sockets.add(socket);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  try {
    await body(typeof address === 'object' && address ? address.port : 0);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  }
}
