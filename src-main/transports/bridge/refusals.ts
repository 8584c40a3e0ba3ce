/**
 * Why the bridge turned something away, and the tally of it. Every refusal is counted; the
 * first few of each reason are logged at warn, then only every thousandth, so a page that
 * hammers the port cannot fill the disk with log lines.
 */
import type { Logger } from '../../core/logger';

/** Every reason the bridge refuses a request or a frame. */
export const REFUSAL_REASONS = [
  'noToken',
  'badToken',
  'badHost',
  'badOrigin',
  'badPath',
  'badMethod',
  'badFrame',
] as const;

/** One refusal reason. */
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** How many times each reason was seen since the bridge started. */
export type RefusalCounts = Record<RefusalReason, number>;

/** One refusal: the reason, the HTTP status, and a short message for whoever sent it. */
export interface Refusal {
  reason: RefusalReason;
  status: number;
  message: string;
}

/** What is known about the refused request, for the log (never its query: it may hold a token). */
export interface RefusalContext {
  method?: string;
  path?: string;
  host?: string;
  origin?: string;
}

/** Records refusals. */
export interface RefusalLog {
  record(refusal: Refusal, context: RefusalContext): void;
  counts(): RefusalCounts;
}

/** How many refusals of one reason are logged before logging thins out. */
const LOGGED_IN_FULL = 10;
/** After that, one line per this many refusals of the reason. */
const LOG_EVERY = 1000;

/** Creates an empty tally that logs to `log`. */
export function createRefusalLog(log: Logger): RefusalLog {
  const counts = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, 0])) as RefusalCounts;

  const record = (refusal: Refusal, context: RefusalContext): void => {
    const count = ++counts[refusal.reason];
    if (count > LOGGED_IN_FULL && count % LOG_EVERY !== 0) return;
    const fields = { reason: refusal.reason, status: refusal.status, count, ...context };
    log.warn(`bridge refused a request: ${refusal.message}`, fields);
    if (count === LOGGED_IN_FULL) {
      log.warn(`further "${refusal.reason}" refusals are logged once per ${LOG_EVERY}`);
    }
  };

  return { record, counts: () => ({ ...counts }) };
}
