import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxSocketPathBytes, socketPathFor } from './socket-path';

describe('socketPathFor', () => {
  it('keeps the socket in the data dir when the path is short enough', () => {
    expect(socketPathFor('/home/ann/.local/share/berth', 'linux')).toBe(
      '/home/ann/.local/share/berth/berth.sock',
    );
  });

  it('falls back to a short, stable path under the temp dir for long data dirs', () => {
    const deep = `/home/ann/${'projects/'.repeat(12)}berth`;
    const path = socketPathFor(deep, 'darwin');
    expect(path.startsWith(join(tmpdir(), 'berth-'))).toBe(true);
    expect(Buffer.byteLength(path)).toBeLessThanOrEqual(maxSocketPathBytes('darwin'));
    expect(socketPathFor(deep, 'darwin')).toBe(path);
    expect(socketPathFor(`${deep}2`, 'darwin')).not.toBe(path);
  });

  it('uses the Linux limit of 107 bytes', () => {
    const dir = `/${'d'.repeat(95)}`;
    expect(Buffer.byteLength(join(dir, 'berth.sock'))).toBe(107);
    expect(socketPathFor(dir, 'linux')).toBe(join(dir, 'berth.sock'));
    expect(socketPathFor(`${dir}x`, 'linux')).not.toContain(dir);
  });
});
