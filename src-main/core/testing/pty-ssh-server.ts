/**
 * A tiny in-process SSH server for tests of terminals over SSH: loopback only, one trusted
 * key, and a pretend shell. The shell echoes what is typed, answers "size" with its terminal's
 * rows and columns, and "exit N" ends it with status N. An exec of a command containing 'cat'
 * copies its input to its output until the input ends; any other command prints
 * "ran: <command>" on stdout and "err" on stderr, then exits with the N of "exit N" in it, or
 * dies of the signal named in "kill -SIG".
 */
import ssh2, { type AuthContext, type Connection, type ServerChannel } from 'ssh2';
import { generateSshKeyPair } from '../../ssh/keys';

/** A running test server and what it saw. */
export interface PtySshServer {
  port: number;
  /** Exec commands received, in order. */
  commands: string[];
  /** The terminal size of the last session, as last set. */
  size: { cols: number; rows: number } | null;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1, trusting `authorizedKey` only. */
export async function startPtySshServer(authorizedKey: string): Promise<PtySshServer> {
  const allowed = ssh2.utils.parseKey(authorizedKey);
  if (allowed instanceof Error) throw allowed;
  const hostKey = generateSshKeyPair('pty-test-host');
  const connections = new Set<Connection>();
  const state: PtySshServer = { port: 0, commands: [], size: null, close: async () => {} };

  const server = new ssh2.Server({ hostKeys: [hostKey.privateKey] }, (connection) => {
    connections.add(connection);
    connection.on('close', () => connections.delete(connection));
    connection.on('error', () => undefined);
    connection.on('authentication', (ctx: AuthContext) => {
      const ok =
        ctx.method === 'publickey' &&
        ctx.key.data.equals(allowed.getPublicSSH()) &&
        (!ctx.signature || !ctx.blob || allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo));
      if (ok) ctx.accept();
      else ctx.reject();
    });
    connection.on('ready', () => serveSessions(connection, state));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  state.port = address.port;
  state.close = async () => {
    for (const connection of connections) connection.end();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}

function serveSessions(connection: Connection, state: PtySshServer): void {
  connection.on('session', (acceptSession) => {
    const session = acceptSession();
    session.on('pty', (accept, _reject, info) => {
      state.size = { cols: info.cols, rows: info.rows };
      accept?.();
    });
    session.on('window-change', (accept, _reject, info) => {
      state.size = { cols: info.cols, rows: info.rows };
      accept?.();
    });
    session.on('shell', (accept) => pretendShell(accept(), state));
    session.on('exec', (accept, _reject, info) => {
      state.commands.push(info.command);
      runCommand(accept(), info.command);
    });
  });
}

function pretendShell(channel: ServerChannel, state: PtySshServer): void {
  let line = '';
  channel.on('data', (data: Buffer) => {
    channel.write(data);
    line += data.toString('utf8');
    if (!line.endsWith('\r')) return;
    const typed = line.trim();
    line = '';
    const exit = /^exit (\d+)$/.exec(typed);
    if (exit) return finish(channel, Number(exit[1]));
    if (typed === 'size') channel.write(`\r\n${state.size?.rows} ${state.size?.cols}\r\n`);
  });
}

function runCommand(channel: ServerChannel, command: string): void {
  if (command.includes("'cat'")) {
    channel.on('data', (data: Buffer) => channel.write(data));
    channel.on('end', () => finish(channel, 0));
    return;
  }
  channel.write(`ran: ${command}\n`);
  channel.stderr.write('err\n');
  const signal = /kill -([A-Z]+)/.exec(command)?.[1];
  if (signal) {
    channel.exit(signal, false, '');
    channel.end();
    return;
  }
  finish(channel, Number(/\bexit (\d+)/.exec(command)?.[1] ?? 0));
}

function finish(channel: ServerChannel, status: number): void {
  channel.exit(status);
  channel.end();
}
