/**
 * One guest session as `berth exec` and `berth shell` run it over the contract: open it,
 * print its output as it comes, send what is typed (or piped), follow the window size, keep
 * the session alive while quiet, and resolve with the guest command's exit code. Whatever
 * ends it, the terminal is put back as it was.
 */
import type { ApiEventPayload, BerthClient } from '../../../src-shared/api';
import { BerthError } from '../../../src-shared/errors';
import { KEEPALIVE_MS } from '../../core/terminal-sessions';
import type { Signals } from '../signals';
import type { TerminalIo } from './terminal-io';

/** What to open: where, what (null: the login shell), and on a terminal or on pipes. */
export interface GuestSessionPlan {
  instance: string;
  argv: string[] | null;
  tty: boolean;
}

type Output = ApiEventPayload<'terminal.output'>;
type Exited = ApiEventPayload<'terminal.exited'>;

/** Ctrl-D: what a terminal reads as the end of input. */
const END_OF_INPUT = Buffer.from([4]);

/** Runs `plan` to its end; resolves with the exit code, rejects when the guest is lost. */
export async function runGuestSession(
  client: BerthClient,
  io: TerminalIo,
  signals: Signals,
  plan: GuestSessionPlan,
): Promise<number> {
  // Subscribed before opening: output may arrive before the reply that names the session.
  const events = new SessionEvents(client);
  try {
    const { cols, rows } = io.size();
    const { sessionId } = await client.call('terminal.open', {
      instance: plan.instance,
      ...(plan.argv ? { argv: plan.argv } : {}),
      cols,
      rows,
      tty: plan.tty,
    });
    return await attach({ client, io, signals, plan, sessionId, events });
  } finally {
    events.stop();
  }
}

interface Attachment {
  client: BerthClient;
  io: TerminalIo;
  signals: Signals;
  plan: GuestSessionPlan;
  sessionId: string;
  events: SessionEvents;
}

function attach({ client, io, signals, plan, sessionId, events }: Attachment): Promise<number> {
  return new Promise((resolve, reject) => {
    let cleanups: (() => void)[] = [];
    let finished = false;
    const finish = (outcome: () => void) => {
      if (finished) return;
      finished = true;
      for (const cleanup of cleanups.reverse()) cleanup();
      outcome();
    };
    const sender = new InputSender(client, sessionId, (error) => finish(() => reject(error)));
    cleanups = connectTerminal(io, signals, plan, sender);
    void signals.untilTerminated().then(() => {
      if (!finished) void sender.close();
    });

    // Bound last: output and even the exit may already be waiting.
    events.bind(sessionId, {
      output: (payload) => {
        const data = Buffer.from(payload.data, 'base64');
        if (payload.stream === 'stderr') io.writeStderr(data);
        else io.writeStdout(data);
      },
      exited: ({ exitCode }) =>
        finish(() => {
          if (exitCode !== null) return resolve(exitCode);
          reject(new BerthError('HYPERVISOR_ERROR', 'The connection to the guest was lost'));
        }),
    });
  });
}

/** Wires the CLI's terminal to the session; returns what undoes each part, in order. */
function connectTerminal(
  io: TerminalIo,
  signals: Signals,
  plan: GuestSessionPlan,
  sender: InputSender,
): (() => void)[] {
  const cleanups: (() => void)[] = [];
  if (plan.tty && io.stdinIsTerminal) cleanups.push(io.enterRawMode());
  if (plan.tty) cleanups.push(io.onResize(() => void sender.resize(io.size())));
  const onEnd = () => void (plan.tty ? sender.send(END_OF_INPUT) : sender.endInput());
  cleanups.push(io.readInput((chunk) => sender.send(chunk), onEnd));

  const keepalive = setInterval(() => void sender.send(Buffer.alloc(0)), KEEPALIVE_MS);
  keepalive.unref();
  cleanups.push(() => clearInterval(keepalive));

  // On a terminal in raw mode Ctrl-C is a key for the guest; these are signals from outside.
  // Each hangs the session up, and its end then restores the terminal.
  cleanups.push(signals.onInterrupt(() => void sender.close()));
  cleanups.push(io.onHangUp(() => void sender.close()));
  return cleanups;
}

/** Sends input, resizes and the hang-up one after another, so the guest gets them in order. */
class InputSender {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: BerthClient,
    private readonly sessionId: string,
    private readonly fail: (error: unknown) => void,
  ) {}

  send(data: Buffer): Promise<void> {
    return this.enqueue(() =>
      this.client.call('terminal.input', {
        sessionId: this.sessionId,
        data: data.toString('base64'),
      }),
    );
  }

  endInput(): Promise<void> {
    return this.enqueue(() =>
      this.client.call('terminal.input', { sessionId: this.sessionId, data: '', eof: true }),
    );
  }

  resize({ cols, rows }: { cols: number; rows: number }): Promise<void> {
    return this.enqueue(() =>
      this.client.call('terminal.resize', { sessionId: this.sessionId, cols, rows }),
    );
  }

  close(): Promise<void> {
    return this.enqueue(() => this.client.call('terminal.close', { sessionId: this.sessionId }));
  }

  private enqueue(request: () => Promise<unknown>): Promise<void> {
    this.queue = this.queue.then(request).then(
      () => undefined,
      (error: unknown) => {
        // A session that has just ended is gone; its `terminal.exited` is already on its way.
        if (error instanceof BerthError && error.code === 'NOT_FOUND') return;
        this.fail(error);
      },
    );
    return this.queue;
  }
}

interface SessionHandlers {
  output(payload: Output): void;
  exited(payload: Exited): void;
}

/** Routes one session's events; holds every event until the session's id is known. */
class SessionEvents {
  private readonly early: (['output', Output] | ['exited', Exited])[] = [];
  private readonly offs: (() => void)[];
  private sessionId: string | null = null;
  private handlers: SessionHandlers | null = null;

  constructor(client: BerthClient) {
    this.offs = [
      client.on('terminal.output', (payload) => this.route(['output', payload])),
      client.on('terminal.exited', (payload) => this.route(['exited', payload])),
    ];
  }

  bind(sessionId: string, handlers: SessionHandlers): void {
    this.sessionId = sessionId;
    this.handlers = handlers;
    for (const event of this.early.splice(0)) this.route(event);
  }

  stop(): void {
    for (const off of this.offs) off();
  }

  private route(event: ['output', Output] | ['exited', Exited]): void {
    if (!this.handlers) {
      this.early.push(event);
      return;
    }
    if (event[1].sessionId !== this.sessionId) return;
    if (event[0] === 'output') this.handlers.output(event[1]);
    else this.handlers.exited(event[1]);
  }
}
