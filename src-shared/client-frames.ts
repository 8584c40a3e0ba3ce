/**
 * What every client transport does with a frame from the core: an event goes to its
 * listeners, a reply settles the call waiting for it with a result checked against the
 * contract. Pure (no Node imports), so the browser bundle and Node clients share it.
 */
import { API, type ApiMethod, eventFrameSchema, type ReplyFrame, replyFrameSchema } from './api';
import { BerthError, fromErrorEnvelope } from './errors';
import type { EventRouter } from './event-router';

/** A call sent to the core and waiting for its reply. */
export interface PendingCall {
  method: ApiMethod;
  resolve: (result: unknown) => void;
  reject: (error: BerthError) => void;
}

/** Formats zod issues as one human sentence, naming the field. */
export function describeIssues(
  issues: readonly { path: PropertyKey[]; message: string }[],
): string {
  return issues
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Delivers one parsed frame: events to `router`, replies to the call in `pending`. */
export function deliverFrame(
  json: unknown,
  router: EventRouter,
  pending: Map<number, PendingCall>,
): void {
  const event = eventFrameSchema.safeParse(json);
  if (event.success) {
    router.deliver(event.data.event, event.data.payload);
    return;
  }
  const reply = replyFrameSchema.safeParse(json);
  if (reply.success) settleReply(reply.data, pending);
}

function settleReply(reply: ReplyFrame, pending: Map<number, PendingCall>): void {
  // Replies nobody waits for (id -1 answers a frame the core could not read) are dropped.
  const call = pending.get(reply.id);
  if (!call) return;
  pending.delete(reply.id);
  if (!reply.ok) {
    call.reject(fromErrorEnvelope(reply.error));
    return;
  }
  const parsed = API[call.method].response.safeParse(reply.result);
  if (parsed.success) {
    call.resolve(parsed.data);
    return;
  }
  const message = `Invalid ${call.method} response: ${describeIssues(parsed.error.issues)}`;
  call.reject(new BerthError('INTERNAL', message));
}
