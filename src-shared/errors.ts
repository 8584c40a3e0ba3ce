/** The error envelope every transport returns, and the typed error the core throws. */
import * as z from 'zod';

/** Stable error codes; clients branch on these, never on message text. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'INVALID_STATE',
  'UNSUPPORTED',
  'DRIVER_UNAVAILABLE',
  'CANCELLED',
  'TIMEOUT',
  'HYPERVISOR_ERROR',
  'SCOPE_CORRUPT',
  'BUSY',
  'INTERNAL',
] as const;

/** One stable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The serialisable form of an error, as it crosses IPC, the bridge and the local socket. */
export const errorEnvelopeSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Extra lines for people (for example the tail of a driver's log). */
  details: z.array(z.string()).optional(),
});

/** The serialisable form of an error. */
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** An error with a stable code and a message meant for people. */
export class BerthError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'BerthError';
  }

  /** The envelope form of this error. */
  toEnvelope(): ErrorEnvelope {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into an envelope; unknown errors become INTERNAL with their message. */
export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (error instanceof BerthError) return error.toEnvelope();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

/** Rebuilds a BerthError from an envelope received over a transport. */
export function fromErrorEnvelope(envelope: ErrorEnvelope): BerthError {
  return new BerthError(envelope.code, envelope.message, envelope.details);
}
