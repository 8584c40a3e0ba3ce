import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../../src-shared/errors';
import { QmpClient } from './qmp-client';
import type { QmpEvent } from './qmp-messages';

const GREETING = {
  QMP: { version: { qemu: { major: 7, minor: 2, micro: 22 }, package: 'test' }, capabilities: [] },
};

interface Command {
  execute: string;
  arguments?: Record<string, unknown>;
  id?: unknown;
}

/** Answers one command: a reply object to send, or null to stay silent. */
type Answer = (command: Command) => Record<string, unknown> | null;

/** A fake QEMU monitor on a unix socket that records commands and answers as told. */
class FakeQmp {
  readonly commands: Command[] = [];
  readonly clients: Socket[] = [];
  answer: Answer = () => ({ return: {} });
  sendGreeting = true;
  private readonly server: Server;

  constructor(readonly path: string) {
    this.server = createServer((socket) => this.serve(socket));
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.path, resolve));
  }

  close(): Promise<void> {
    for (const client of this.clients) client.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Writes raw text to every client, as QEMU might split or join its lines. */
  write(text: string): void {
    for (const client of this.clients) client.write(text);
  }

  private serve(socket: Socket): void {
    this.clients.push(socket);
    socket.setEncoding('utf8');
    if (this.sendGreeting) socket.write(`${JSON.stringify(GREETING)}\r\n`);
    let buffered = '';
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const command = JSON.parse(buffered.slice(0, newline)) as Command;
        buffered = buffered.slice(newline + 1);
        this.commands.push(command);
        const reply = this.answer(command);
        if (reply) socket.write(`${JSON.stringify({ ...reply, id: command.id })}\r\n`);
        newline = buffered.indexOf('\n');
      }
    });
    socket.on('error', () => undefined);
  }
}

let dir: string;
let fake: FakeQmp;
let client: QmpClient | null;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qmp-test-'));
  fake = new FakeQmp(join(dir, 'qmp.sock'));
  await fake.listen();
  client = null;
});

afterEach(async () => {
  client?.close();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** The next event named `name` (any event when absent). */
function nextEvent(qmp: QmpClient, name?: string): Promise<QmpEvent> {
  return new Promise((resolve) => {
    const stop = qmp.onEvent((event) => {
      if (name && event.event !== name) return;
      stop();
      resolve(event);
    });
  });
}

describe('QmpClient', () => {
  it('reads the greeting and negotiates capabilities before anything else', async () => {
    client = await QmpClient.connect(fake.path);

    expect(client.greeting?.QMP.version.qemu.major).toBe(7);
    expect(fake.commands.map((command) => command.execute)).toEqual(['qmp_capabilities']);
  });

  it('returns each reply to the command with the same id, even out of order', async () => {
    const held: Command[] = [];
    fake.answer = (command) => {
      if (command.execute === 'qmp_capabilities') return { return: {} };
      held.push(command);
      if (held.length < 2) return null;
      // Answer the second command first, then the first.
      for (const pending of [...held].reverse()) {
        fake.write(`${JSON.stringify({ return: pending.execute, id: pending.id })}\n`);
      }
      return null;
    };
    client = await QmpClient.connect(fake.path);

    const [first, second] = await Promise.all([
      client.execute('query-status'),
      client.execute('query-name'),
    ]);
    expect(first).toBe('query-status');
    expect(second).toBe('query-name');
  });

  it('passes arguments and gives HMP output as text', async () => {
    fake.answer = (command) =>
      command.execute === 'human-monitor-command'
        ? { return: `ran ${String(command.arguments?.['command-line'])}` }
        : { return: {} };
    client = await QmpClient.connect(fake.path);

    await expect(client.human('savevm x')).resolves.toBe('ran savevm x');
  });

  it('rejects an error reply with QEMU description', async () => {
    fake.answer = (command) =>
      command.execute === 'cont'
        ? { error: { class: 'GenericError', desc: 'Resetting the Virtual Machine is required' } }
        : { return: {} };
    client = await QmpClient.connect(fake.path);

    const failure = client.execute('cont');
    await expect(failure).rejects.toBeInstanceOf(BerthError);
    await expect(failure).rejects.toThrow(/cont: Resetting the Virtual Machine is required/);
  });

  it('times out a command QEMU never answers', async () => {
    fake.answer = (command) => (command.execute === 'qmp_capabilities' ? { return: {} } : null);
    client = await QmpClient.connect(fake.path);

    await expect(client.execute('query-status', undefined, 50)).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
  });

  it('delivers events, including lines split across chunks and joined in one', async () => {
    client = await QmpClient.connect(fake.path);
    const seen: string[] = [];
    client.onEvent((event) => seen.push(event.event));

    const stop = JSON.stringify({ event: 'STOP', timestamp: { seconds: 1, microseconds: 2 } });
    const shutdown = JSON.stringify({ event: 'SHUTDOWN', data: { guest: true } });
    const resume = JSON.stringify({ event: 'RESUME' });
    fake.write(stop.slice(0, 9));
    await new Promise((resolve) => setTimeout(resolve, 20));
    fake.write(`${stop.slice(9)}\r\n${shutdown}\r`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const last = nextEvent(client, 'RESUME');
    fake.write(`\n${resume}\r\n`);

    await last;
    expect(seen).toEqual(['STOP', 'SHUTDOWN', 'RESUME']);
  });

  it('gives event data to listeners', async () => {
    client = await QmpClient.connect(fake.path);
    const event = nextEvent(client);
    fake.write(`${JSON.stringify({ event: 'SHUTDOWN', data: { reason: 'guest-shutdown' } })}\n`);

    expect(await event).toEqual({ event: 'SHUTDOWN', data: { reason: 'guest-shutdown' } });
  });

  it('reports the socket closing and fails commands still waiting', async () => {
    fake.answer = (command) => (command.execute === 'qmp_capabilities' ? { return: {} } : null);
    client = await QmpClient.connect(fake.path);
    const closed = new Promise<void>((resolve) => client?.onClose(resolve));
    const waiting = client.execute('quit');

    for (const socket of fake.clients) socket.destroy();

    await closed;
    expect(client.closed).toBe(true);
    await expect(waiting).rejects.toThrow(/closed before answering quit/);
    await expect(client.execute('query-status')).rejects.toThrow(/closed/);
  });

  it('calls a close listener added after the close at once', async () => {
    client = await QmpClient.connect(fake.path);
    const closed = new Promise<void>((resolve) => client?.onClose(resolve));
    for (const socket of fake.clients) socket.destroy();
    await closed;

    let called = false;
    client.onClose(() => {
      called = true;
    });
    expect(called).toBe(true);
  });

  it('fails clearly when nothing listens on the socket', async () => {
    await expect(QmpClient.connect(join(dir, 'missing.sock'))).rejects.toThrow(
      /Cannot reach QEMU's monitor .*ENOENT/,
    );
  });

  it('times out when the monitor never greets', async () => {
    fake.sendGreeting = false;
    await expect(QmpClient.connect(fake.path, { timeoutMs: 100 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
  });
});
