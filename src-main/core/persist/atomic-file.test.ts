import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupPath, fsyncDirectory, writeFileAtomic } from './atomic-file';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates the file with the content and no backup on the first write', async () => {
    const path = join(dir, 'instances.json');

    await writeFileAtomic(path, 'first');

    expect(await readFile(path, 'utf8')).toBe('first');
    expect(await readdir(dir)).toEqual(['instances.json']);
  });

  it('replaces the content and keeps the previous copy as .bak', async () => {
    const path = join(dir, 'instances.json');

    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second');
    await writeFileAtomic(path, 'third');

    expect(await readFile(path, 'utf8')).toBe('third');
    expect(await readFile(backupPath(path), 'utf8')).toBe('second');
    expect((await readdir(dir)).sort()).toEqual(['instances.json', 'instances.json.bak']);
  });

  it('keeps a backup that is a separate copy, not the same file', async () => {
    const path = join(dir, 'settings.json');

    await writeFileAtomic(path, 'old');
    await writeFileAtomic(path, 'new');

    expect((await stat(path)).ino).not.toBe((await stat(backupPath(path))).ino);
  });

  it('leaves no temp file behind when the write fails', async () => {
    // A folder where the file should be makes the final rename fail.
    const path = join(dir, 'blocked.json');
    await mkdir(path);

    await expect(writeFileAtomic(path, 'data')).rejects.toThrow();

    expect(await readdir(dir)).toEqual(['blocked.json']);
    expect((await stat(path)).isDirectory()).toBe(true);
  });

  it('survives many concurrent writes to one file with one of them winning whole', async () => {
    const path = join(dir, 'busy.json');
    const contents = Array.from({ length: 20 }, (_, i) => `write ${i} `.repeat(500));
    await writeFileAtomic(path, 'before');

    await Promise.all(contents.map((content) => writeFileAtomic(path, content)));

    expect(contents).toContain(await readFile(path, 'utf8'));
    expect(['before', ...contents]).toContain(await readFile(backupPath(path), 'utf8'));
    expect((await readdir(dir)).sort()).toEqual(['busy.json', 'busy.json.bak']);
  });
});

describe('fsyncDirectory', () => {
  it('syncs an existing folder without error', async () => {
    await expect(fsyncDirectory(dir)).resolves.toBeUndefined();
  });

  it('reports a missing folder', async () => {
    await expect(fsyncDirectory(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
