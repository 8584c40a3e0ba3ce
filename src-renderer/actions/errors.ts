/** Reads whatever a rejected request threw as the error envelope fields people need. */

/** The parts of an error the window shows. */
export interface ErrorView {
  code: string | null;
  message: string;
  details: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Works for BerthError, plain envelopes and anything else thrown. */
export function describeError(error: unknown): ErrorView {
  if (!isRecord(error)) return { code: null, message: String(error), details: [] };
  const message = typeof error.message === 'string' ? error.message : String(error);
  const code = typeof error.code === 'string' ? error.code : null;
  const details = Array.isArray(error.details)
    ? error.details.filter((line): line is string => typeof line === 'string')
    : [];
  return { code, message, details };
}
