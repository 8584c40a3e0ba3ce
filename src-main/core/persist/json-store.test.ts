import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { BerthError } from '../../../src-shared/errors';
import { createLogger, type Logger, memorySink } from '../logger';
import { readJsonDocument, writeJsonDocument } from './json-store';

const docSchema = z.object({
  version: z.literal(2),
  instances: z.array(z.object({ name: z.string(), memoryMiB: z.number() })),
});
type Doc = z.infer<typeof docSchema>;

const empty = (): Doc => ({ version: 2, instances: [] });
const withOne = (name: string): Doc => ({ version: 2, instances: [{ name, memoryMiB: 1024 }] });

let dir: string;
let path: string;
let sink: ReturnType<typeof memorySink>;
let log: Logger;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-json-'));
  path = join(dir, 'instances.json');
  sink = memorySink();
  log = createLogger(sink, 'debug');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const read = () => readJsonDocument(path, docSchema, { create: empty, log });

describe('readJsonDocument', () => {
  it('gives a new document for a missing file without writing it', async () => {
    expect(await read()).toEqual({ value: empty(), problem: null });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads back what was written, as pretty JSON with a trailing newline', async () => {
    await writeJsonDocument(path, docSchema, withOne('web'));

    expect(await read()).toEqual({ value: withOne('web'), problem: null });
    const text = await readFile(path, 'utf8');
    expect(text).toBe(`${JSON.stringify(withOne('web'), null, 2)}\n`);
  });

  it('moves bad JSON aside and restores the last good copy from .bak', async () => {
    await writeJsonDocument(path, docSchema, withOne('old'));
    await writeJsonDocument(path, docSchema, withOne('new'));
    await writeFile(path, '{"version": 2, "instan');

    const { value, problem } = await read();

    expect(value).toEqual(withOne('old'));
    const moved = (await readdir(dir)).find((name) => name.includes('.corrupt-'));
    expect(moved).toMatch(/^instances\.json\.corrupt-\d{8}T\d{6}\.\d{3}Z$/);
    expect(problem).toContain(`instances.json was unreadable (`);
    expect(problem).toContain(`was moved to ${moved}`);
    expect(problem).toContain('the last good copy was restored from instances.json.bak');
    expect(await readFile(join(dir, `${moved}`), 'utf8')).toBe('{"version": 2, "instan');
    expect(await read()).toEqual({ value: withOne('old'), problem: null });
    const warned = sink.lines.filter((line) => line.includes('WARN'));
    expect(warned.some((line) => line.includes(`${moved}`))).toBe(true);
  });

  it('moves a schema-invalid document aside and starts afresh without a backup', async () => {
    await writeFile(path, JSON.stringify({ version: 2, instances: [{ name: 7 }] }));

    const { value, problem } = await read();

    expect(value).toEqual(empty());
    expect(problem).toMatch(/^instances\.json was unreadable \(instances\.0\.name: .*\)/);
    expect(problem).toContain('no good copy could be restored from instances.json.bak');
    const names = await readdir(dir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^instances\.json\.corrupt-/);
  });

  it('says so when the backup is damaged too', async () => {
    await writeFile(path, 'not json');
    await writeFile(`${path}.bak`, '[]');

    const { value, problem } = await read();

    expect(value).toEqual(empty());
    expect(problem).toContain('instances.json.bak (unreadable too: ');
  });

  it('applies the migrate hook to older documents before validating', async () => {
    await writeFile(path, JSON.stringify({ version: 1, vms: ['web', 'db'] }));
    const migrate = (raw: unknown): unknown => {
      const old = z.object({ version: z.literal(1), vms: z.array(z.string()) }).safeParse(raw);
      if (!old.success) return raw;
      const instances = old.data.vms.map((name) => ({ name, memoryMiB: 512 }));
      return { version: 2, instances };
    };

    const { value, problem } = await readJsonDocument(path, docSchema, {
      create: empty,
      migrate,
      log,
    });

    expect(problem).toBeNull();
    expect(value.instances.map((i) => i.name)).toEqual(['web', 'db']);
  });

  it('leaves the file alone when migrate refuses it with a BerthError', async () => {
    await writeFile(path, JSON.stringify({ version: 9 }));
    const migrate = (): unknown => {
      throw new BerthError('SCOPE_CORRUPT', 'instances.json is from a newer Berth');
    };

    const reading = readJsonDocument(path, docSchema, { create: empty, migrate, log });

    await expect(reading).rejects.toMatchObject({ code: 'SCOPE_CORRUPT' });
    expect(await readdir(dir)).toEqual(['instances.json']);
  });
});

describe('writeJsonDocument', () => {
  it('refuses an invalid value with INTERNAL and leaves the file untouched', async () => {
    await writeJsonDocument(path, docSchema, withOne('web'));
    const invalid = { version: 2, instances: [{ name: 'x' }] } as unknown as Doc;

    const writing = writeJsonDocument(path, docSchema, invalid);

    await expect(writing).rejects.toBeInstanceOf(BerthError);
    await expect(writing).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await read()).toEqual({ value: withOne('web'), problem: null });
  });
});
