/**
 * Newline-delimited JSON framing for the local socket: one JSON value per line, UTF-8.
 * JSON.stringify escapes newlines inside strings, so a raw newline always ends a frame.
 */

/** Largest frame the owner accepts from a client, in bytes (the newline excluded). */
export const MAX_REQUEST_FRAME_BYTES = 1024 * 1024;

/**
 * Largest frame a client accepts from the owner, in bytes. Larger than the request limit
 * because replies such as `instances.console` may carry megabytes of serial log.
 */
export const MAX_REPLY_FRAME_BYTES = 64 * 1024 * 1024;

/** What one chunk of bytes produced: the complete lines, and whether a line was too long. */
export interface SplitResult {
  lines: string[];
  /** True once a line went past the limit; the stream cannot be trusted after that. */
  overflow: boolean;
}

/** Cuts a byte stream into lines, keeping partial lines between chunks. */
export interface LineSplitter {
  push(chunk: Buffer): SplitResult;
}

const NEWLINE = 0x0a;

/**
 * A splitter that refuses lines longer than `maxBytes`. Lines are decoded only when complete,
 * so a multi-byte character split across chunks decodes correctly.
 */
export function createLineSplitter(maxBytes: number): LineSplitter {
  let pending: Buffer[] = [];
  let pendingBytes = 0;

  const push = (chunk: Buffer): SplitResult => {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, nl);
      if (pendingBytes + piece.length > maxBytes) return { lines, overflow: true };
      const line = Buffer.concat([...pending, piece]).toString('utf8');
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
      // Tolerate CRLF and blank lines from people typing into `socat` or `nc`.
      const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (trimmed.trim() !== '') lines.push(trimmed);
    }

    const rest = chunk.subarray(start);
    if (pendingBytes + rest.length > maxBytes) return { lines, overflow: true };
    if (rest.length > 0) {
      pending.push(rest);
      pendingBytes += rest.length;
    }
    return { lines, overflow: false };
  };

  return { push };
}

/** Serialises one frame as a line. */
export function encodeFrame(frame: unknown): string {
  return `${JSON.stringify(frame)}\n`;
}

/** A parsed JSON line, or why it is not JSON. */
export type JsonLine = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses one line as JSON without throwing. */
export function parseJsonLine(line: string): JsonLine {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Frame is not valid JSON: ${reason}` };
  }
}
