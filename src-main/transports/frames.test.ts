import { describe, expect, it } from 'vitest';
import { createLineSplitter, encodeFrame, parseJsonLine } from './frames';

describe('createLineSplitter', () => {
  it('joins a frame split across chunks', () => {
    const splitter = createLineSplitter(1024);
    expect(splitter.push(Buffer.from('{"id":1,'))).toEqual({ lines: [], overflow: false });
    expect(splitter.push(Buffer.from('"method":"x"}\n{"id"'))).toEqual({
      lines: ['{"id":1,"method":"x"}'],
      overflow: false,
    });
    expect(splitter.push(Buffer.from(':2}\n')).lines).toEqual(['{"id":2}']);
  });

  it('decodes a multi-byte character cut between two chunks', () => {
    const bytes = Buffer.from('"café ☕"\n');
    const splitter = createLineSplitter(1024);
    const first = splitter.push(bytes.subarray(0, 6));
    const second = splitter.push(bytes.subarray(6));
    expect(first.lines).toEqual([]);
    expect(second.lines).toEqual(['"café ☕"']);
  });

  it('returns several frames from one chunk and skips blank lines and CRs', () => {
    const splitter = createLineSplitter(1024);
    expect(splitter.push(Buffer.from('1\r\n\n2\n')).lines).toEqual(['1', '2']);
  });

  it('reports overflow when a complete line is too long', () => {
    const splitter = createLineSplitter(8);
    expect(splitter.push(Buffer.from('"ok"\n"far too long"\n'))).toEqual({
      lines: ['"ok"'],
      overflow: true,
    });
  });

  it('reports overflow when an unfinished line grows past the limit', () => {
    const splitter = createLineSplitter(8);
    expect(splitter.push(Buffer.from('12345')).overflow).toBe(false);
    expect(splitter.push(Buffer.from('6789')).overflow).toBe(true);
  });
});

describe('frame encoding', () => {
  it('keeps newlines inside strings on one line', () => {
    const line = encodeFrame({ text: 'a\nb' });
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(parseJsonLine(line.trimEnd())).toEqual({ ok: true, value: { text: 'a\nb' } });
  });

  it('reports garbage without throwing', () => {
    const parsed = parseJsonLine('{nope');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/not valid JSON/);
  });
});
