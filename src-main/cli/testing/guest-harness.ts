/**
 * A pretend guest behind the CLI harness's fake core, for `berth exec` and `berth shell`
 * tests: it records what the CLI asks of `terminal.*`, and the test prints and exits through
 * the same events the real core pushes. Commands run with a FakeTerminal and fake signals.
 */
import type { ApiRequest } from '../../../src-shared/api';
import type { GuestStream } from '../../drivers/driver';
import type { ApiHandlers } from '../../transports/dispatcher';
import type { Command, CommandContext } from '../command';
import { createSession } from '../session';
import type { Signals } from '../signals';
import { createHarness, type Harness } from './harness';

/** What the CLI did to the pretend guest, and how the test plays it. */
export interface PretendGuest {
  opened: ApiRequest<'terminal.open'>[];
  /** Input as text, with "<EOF>" where the CLI ended it. */
  typed: string;
  resizes: [cols: number, rows: number][];
  closes: number;
  /** Called once the session is open: the test's script for the guest. */
  onOpen: () => void;
  /** Called on every input, with the text so far. */
  onInput: (typed: string) => void;
  print(text: string, stream?: GuestStream): void;
  exit(code: number | null): void;
}

/** The CLI harness with a pretend guest, plus what running a command needs. */
export interface GuestHarness {
  h: Harness;
  guest: PretendGuest;
  /** Simulates Ctrl-C from outside (a signal, not a key). */
  interrupt(): void;
  /** Runs `command` with `argv` against the fake core. */
  run(command: Command, argv: string[]): Promise<number>;
}

const SESSION_ID = 'session-1';

/** Builds the harness; `extra` adds or replaces fake handlers. */
export async function openGuestHarness(
  extra: (h: Harness) => Partial<ApiHandlers> = () => ({}),
): Promise<GuestHarness> {
  const interrupts = new Set<() => void>();
  const guest: PretendGuest = {
    opened: [],
    typed: '',
    resizes: [],
    closes: 0,
    onOpen: () => undefined,
    onInput: () => undefined,
    print: () => undefined,
    exit: () => undefined,
  };
  const h = await createHarness((harness) => ({ ...terminalHandlers(guest), ...extra(harness) }));
  guest.print = (text, stream = 'stdout') => {
    const data = Buffer.from(text).toString('base64');
    h.core.emit('terminal.output', { sessionId: SESSION_ID, data, stream });
  };
  guest.exit = (exitCode) => h.core.emit('terminal.exited', { sessionId: SESSION_ID, exitCode });

  const signals: Signals = {
    onInterrupt: (handler) => {
      interrupts.add(handler);
      return () => interrupts.delete(handler);
    },
    untilTerminated: () => new Promise(() => undefined),
  };
  const run = (command: Command, argv: string[]) => command.run(argv, contextOf(h, signals));
  const interrupt = () => {
    for (const handler of [...interrupts]) handler();
  };
  return { h, guest, interrupt, run };
}

function terminalHandlers(guest: PretendGuest): Partial<ApiHandlers> {
  const ok = { ok: true } as const;
  return {
    'terminal.open': async (request) => {
      guest.opened.push(request);
      // Output can beat the reply that names the session; the CLI must hold it.
      setImmediate(() => guest.onOpen());
      return { sessionId: SESSION_ID };
    },
    'terminal.input': async ({ data, eof }) => {
      guest.typed += Buffer.from(data, 'base64').toString('utf8') + (eof ? '<EOF>' : '');
      guest.onInput(guest.typed);
      return ok;
    },
    'terminal.resize': async ({ cols, rows }) => {
      guest.resizes.push([cols, rows]);
      return ok;
    },
    'terminal.close': async () => {
      guest.closes += 1;
      return ok;
    },
  };
}

function contextOf(h: Harness, signals: Signals): CommandContext {
  return {
    output: {
      out: (text) => {
        h.stdout += text;
      },
      err: (text) => {
        h.stderr += text;
      },
    },
    cwd: h.cwd,
    dataDir: h.dataDir,
    env: h.env,
    session: createSession({ dataDir: h.dataDir, openCore: h.openCore, busyRetryMs: 1000 }),
    signals,
  };
}
