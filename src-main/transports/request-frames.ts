/**
 * Answers one request frame, whatever carried it: the local socket (one line) and the loopback
 * bridge (one WebSocket message) both hand the text here and send back the reply it builds.
 */
import { requestFrameSchema } from '../../src-shared/api';
import { describeIssues } from '../../src-shared/client-frames';
import { type ErrorEnvelope, toErrorEnvelope } from '../../src-shared/errors';
import type { Dispatcher, DispatchOutcome } from './dispatcher';
import { parseJsonLine } from './frames';

/** The id used in replies to frames whose own id could not be read. */
export const UNKNOWN_FRAME_ID = -1;

/** A reply frame ready to be serialised. */
export type ReplyValue = { id: number } & DispatchOutcome;

/** The reply to one frame, and why the frame was unusable when it was. */
export interface FrameAnswer {
  reply: ReplyValue;
  /** Set when the frame was not JSON or not a request frame; the reply then says so. */
  malformed: string | null;
}

/**
 * Parses `text` as a request frame, dispatches it, and builds the reply. Never rejects: a bad
 * frame gets an INVALID_INPUT reply (id -1 when the id could not be read).
 */
export async function answerFrame(text: string, dispatcher: Dispatcher): Promise<FrameAnswer> {
  const json = parseJsonLine(text);
  if (!json.ok) return refuse(UNKNOWN_FRAME_ID, json.message);

  const frame = requestFrameSchema.safeParse(json.value);
  if (!frame.success) {
    const message = `Invalid request frame: ${describeIssues(frame.error.issues)}`;
    return refuse(idOf(json.value), message);
  }

  const { id, method, params } = frame.data;
  try {
    const outcome = await dispatcher.dispatch(method, params);
    return { reply: { id, ...outcome }, malformed: null };
  } catch (error) {
    // The dispatcher wraps handler errors itself; this only catches a broken dispatcher.
    return { reply: errorReply(id, toErrorEnvelope(error)), malformed: null };
  }
}

/** A reply frame carrying `error`. */
export function errorReply(id: number, error: ErrorEnvelope): ReplyValue {
  return { id, ok: false, error };
}

function refuse(id: number, message: string): FrameAnswer {
  return { reply: errorReply(id, { code: 'INVALID_INPUT', message }), malformed: message };
}

/** The frame's id when it is usable, so the client can match the error to its request. */
function idOf(value: unknown): number {
  if (typeof value !== 'object' || value === null || !('id' in value)) return UNKNOWN_FRAME_ID;
  const { id } = value;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : UNKNOWN_FRAME_ID;
}
