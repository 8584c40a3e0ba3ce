/** The shapes of what QEMU's monitor (QMP) sends: a greeting, replies, and events. */
import * as z from 'zod';

const greetingSchema = z.object({
  QMP: z.object({
    version: z.object({
      qemu: z.object({ major: z.number(), minor: z.number(), micro: z.number() }),
      package: z.string().optional(),
    }),
    capabilities: z.array(z.string()),
  }),
});

const successSchema = z.object({ return: z.unknown(), id: z.unknown().optional() });

const failureSchema = z.object({
  error: z.object({ class: z.string(), desc: z.string() }),
  id: z.unknown().optional(),
});

const eventSchema = z.object({
  event: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
  timestamp: z.object({ seconds: z.number(), microseconds: z.number() }).optional(),
});

/** The first message on a QMP connection. */
export type QmpGreeting = z.infer<typeof greetingSchema>;

/** An asynchronous event such as SHUTDOWN, STOP or RESUME. */
export interface QmpEvent {
  event: string;
  data: Record<string, unknown>;
}

/** One decoded message. */
export type QmpMessage =
  | { type: 'greeting'; greeting: QmpGreeting }
  | { type: 'return'; id: unknown; value: unknown }
  | { type: 'error'; id: unknown; errorClass: string; desc: string }
  | { type: 'event'; event: QmpEvent }
  | { type: 'unknown'; line: string };

/** Decodes one line QEMU sent; anything unexpected becomes `unknown` rather than throwing. */
export function decodeQmpLine(line: string): QmpMessage {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { type: 'unknown', line };
  }
  const success = successSchema.safeParse(json);
  if (success.success) return { type: 'return', id: success.data.id, value: success.data.return };
  const failure = failureSchema.safeParse(json);
  if (failure.success) {
    const { id, error } = failure.data;
    return { type: 'error', id, errorClass: error.class, desc: error.desc };
  }
  const event = eventSchema.safeParse(json);
  if (event.success) {
    return { type: 'event', event: { event: event.data.event, data: event.data.data ?? {} } };
  }
  const greeting = greetingSchema.safeParse(json);
  if (greeting.success) return { type: 'greeting', greeting: greeting.data };
  return { type: 'unknown', line };
}

/** Splits a byte stream into lines, keeping a partial last line until its end arrives. */
export class LineSplitter {
  private pending = '';

  /** Adds a chunk and returns the complete, non-empty lines it finished. */
  push(chunk: string): string[] {
    const parts = (this.pending + chunk).split('\n');
    this.pending = parts.pop() ?? '';
    return parts.map((part) => part.trim()).filter((part) => part.length > 0);
  }
}
