/**
 * A tiny in-process SSH server for tests: listens on loopback, accepts only one public key and
 * answers every exec with canned output. `exit N` in a command sets the exit status.
 */
import { createServer } from 'node:net';
import ssh2, { type AuthContext, type Connection, type ParsedKey } from 'ssh2';
import { generateSshKeyPair } from './keys';

/** A running test server. */
export interface TestSshServer {
  port: number;
  /** Commands received, in order. */
  commands: string[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (`port` 0 picks a free one) that trusts `authorizedKey`. */
export async function startTestSshServer(authorizedKey: string, port = 0): Promise<TestSshServer> {
  const allowed = ssh2.utils.parseKey(authorizedKey);
  if (allowed instanceof Error) throw allowed;
  const hostKey = generateSshKeyPair('test-host');
  const commands: string[] = [];
  const connections = new Set<Connection>();

  const server = new ssh2.Server({ hostKeys: [hostKey.privateKey] }, (connection) => {
    connections.add(connection);
    // Like the client, answer each small exchange at once instead of waiting on delayed ACKs.
    // ssh2 has this method on server connections; its type definitions omit it.
    (connection as Connection & { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    connection.on('close', () => connections.delete(connection));
    connection.on('error', () => undefined);
    connection.on('authentication', (ctx) =>
      isAllowed(ctx, allowed) ? ctx.accept() : ctx.reject(),
    );
    connection.on('ready', () => serveExecs(connection, commands));
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');

  const close = async () => {
    for (const connection of connections) connection.end();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { port: address.port, commands, close };
}

/** A loopback port that nothing listens on (free at the time of the call). */
export async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

function isAllowed(ctx: AuthContext, allowed: ParsedKey): boolean {
  if (ctx.method !== 'publickey') return false;
  if (ctx.key.algo !== allowed.type || !ctx.key.data.equals(allowed.getPublicSSH())) return false;
  // Without a signature the client only asks whether the key would do; with one, prove it.
  if (!ctx.signature || !ctx.blob) return true;
  return allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo);
}

function serveExecs(connection: Connection, commands: string[]): void {
  connection.on('session', (acceptSession) => {
    acceptSession().on('exec', (acceptExec, _reject, info) => {
      commands.push(info.command);
      const channel = acceptExec();
      const status = Number(/\bexit (\d+)/.exec(info.command)?.[1] ?? 0);
      channel.write(`ran: ${info.command}\n`);
      channel.stderr.write('from stderr\n');
      channel.exit(status);
      channel.end();
    });
  });
}
