/** Handlers for commands and terminals in guests (`instances.exec`, `terminal.*`). */
import type { ApiRequest } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import type { GuestSession } from '../drivers/driver';
import type { ApiHandlers } from '../transports/dispatcher';
import type { BerthCore } from './berth-core';
import { assertReachable, openGuestTerminal, spawnInGuest } from './guest-access';
import { collectOutput, DEFAULT_EXEC_TIMEOUT_MS } from './guest-exec';
import type { ScopeRuntime } from './scope-runtime';
import { TerminalSessions } from './terminal-sessions';

type GuestMethods =
  | 'instances.exec'
  | 'terminal.open'
  | 'terminal.input'
  | 'terminal.resize'
  | 'terminal.close';

const OK = { ok: true } as const;

/** The guest handlers, with the core's one registry of terminal sessions. */
export function guestHandlers(core: BerthCore): Pick<ApiHandlers, GuestMethods> {
  const { bus, log, ops } = core.parts;
  const sessions = new TerminalSessions({ bus, log: log.child('terminal') });

  return {
    'instances.exec': async ({ name, argv, timeoutSec, operationId }) => {
      const runtime = core.runtime();
      assertReachable(runtime, name);
      const timeoutMs = timeoutSec ? timeoutSec * 1000 : DEFAULT_EXEC_TIMEOUT_MS;
      // An operation, so the task area shows it and `operations.cancel` can end it; it does
      // not queue behind the instance's other work, as a command may run for minutes.
      return ops.run(name, 'exec', operationId, async (op) => {
        const guest = await spawnInGuest(runtime, name, argv);
        const outcome = await collectOutput(guest, { timeoutMs, signal: op.signal });
        runtime.deps.log.debug(`instance ${name}: command exited`, {
          command: argv[0],
          exitCode: outcome.exitCode,
        });
        return outcome;
      });
    },

    'terminal.open': async (request) => {
      const runtime = core.runtime();
      const sessionId = sessions.add(request.instance, await openSession(runtime, request));
      runtime.deps.log.info(`instance ${request.instance}: terminal session opened`, {
        terminal: request.tty !== false,
        command: request.argv?.[0] ?? 'login shell',
      });
      return { sessionId };
    },

    'terminal.input': async ({ sessionId, data, eof }) => {
      sessions.input(sessionId, Buffer.from(data, 'base64'), eof ?? false);
      return OK;
    },

    'terminal.resize': async ({ sessionId, cols, rows }) => {
      sessions.resize(sessionId, cols, rows);
      return OK;
    },

    'terminal.close': async ({ sessionId }) => {
      sessions.close(sessionId);
      return OK;
    },
  };
}

/** A terminal, or with `tty: false` a command on plain pipes. */
function openSession(
  runtime: ScopeRuntime,
  { instance, argv, cols, rows, tty }: ApiRequest<'terminal.open'>,
): Promise<GuestSession> {
  if (tty !== false)
    return openGuestTerminal(runtime, instance, { argv: argv ?? null, cols, rows });
  if (!argv) throw new BerthError('INVALID_INPUT', 'A session without a terminal needs argv');
  return spawnInGuest(runtime, instance, argv);
}
