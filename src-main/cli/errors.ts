/** How the CLI reports failures: exit codes per error code, and `berth: <message>` lines. */
import { BerthError, type ErrorCode } from '../../src-shared/errors';

/** The CLI's exit codes. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  invalidState: 4,
  driver: 5,
  interrupted: 6,
} as const;

/** A mistake in how the command was typed; printed with the command's usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage text to show after the message; null points at `berth help` instead. */
    readonly usage: string | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

const CODE_EXITS: Readonly<Record<ErrorCode, number>> = {
  INVALID_INPUT: EXIT.usage,
  NOT_FOUND: EXIT.notFound,
  INVALID_STATE: EXIT.invalidState,
  UNSUPPORTED: EXIT.invalidState,
  DRIVER_UNAVAILABLE: EXIT.driver,
  HYPERVISOR_ERROR: EXIT.driver,
  CANCELLED: EXIT.interrupted,
  TIMEOUT: EXIT.interrupted,
  ALREADY_EXISTS: EXIT.failure,
  SCOPE_CORRUPT: EXIT.failure,
  BUSY: EXIT.failure,
  INTERNAL: EXIT.failure,
};

/** The exit code for anything thrown by a command. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof BerthError) return CODE_EXITS[error.code];
  return EXIT.failure;
}

/** The text printed on stderr for a failure: `berth: <message>`, then details or usage. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  let text = `berth: ${message}\n`;
  if (error instanceof UsageError) {
    text += error.usage ? `\n${error.usage}` : "Run 'berth help' to see the commands.\n";
  }
  if (error instanceof BerthError && error.details) {
    text += error.details.map((line) => `  ${line}\n`).join('');
  }
  return text;
}
