import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instanceFiles, qmpSocketPath } from './instance-files';
import { clearRuntimeSync, readRuntime, writeRuntime } from './runtime';

describe('qmpSocketPath', () => {
  it('keeps the socket in the instance folder when the path fits a unix address', () => {
    expect(qmpSocketPath('/home/ana/.berth/qemu/web', '/run/x')).toBe(
      '/home/ana/.berth/qemu/web/qmp.sock',
    );
  });

  it('moves the socket to a short, stable name when the folder path is too deep', () => {
    const deep = `/tmp/${'nested-folder/'.repeat(10)}web`;
    const path = qmpSocketPath(deep, '/tmp/berth-0');

    expect(path).toMatch(/^\/tmp\/berth-0\/[0-9a-f]{16}\.qmp$/);
    expect(Buffer.byteLength(path)).toBeLessThan(100);
    expect(qmpSocketPath(deep, '/tmp/berth-0')).toBe(path);
    expect(qmpSocketPath(`${deep}2`, '/tmp/berth-0')).not.toBe(path);
  });
});

describe('runtime record', () => {
  it('round-trips, rejects garbage, and is cleared with its socket', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qemu-runtime-'));
    try {
      const runtime = { pid: 42, sshPort: 40022, qmpSocket: join(dir, 'qmp.sock'), startedAt: 'x' };
      await writeRuntime(dir, runtime);
      expect(await readRuntime(dir)).toEqual(runtime);

      clearRuntimeSync(dir, runtime.qmpSocket);
      expect(await readRuntime(dir)).toBeNull();
      expect(await readdir(dir)).toEqual([]);

      await writeFile(instanceFiles(dir).runtime, '{"pid":"no"}');
      expect(await readRuntime(dir)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
