/**
 * Versioned JSON documents on disk, validated by a zod schema. A damaged document is never
 * silently reset: it is moved aside, the last good copy is restored if there is one, and the
 * caller gets a message saying what happened so it can tell the user.
 */
import { readFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import { BerthError } from '../../../src-shared/errors';
import type { Logger } from '../logger';
import { backupPath, errorCode, writeFileAtomic } from './atomic-file';

/** How to read one document. */
export interface ReadJsonOptions<T> {
  /** The value when there is no document (or nothing usable); not written by the read. */
  create: () => T;
  /**
   * Upgrades an older document (any `version`) to the current shape before validation.
   * Throwing a BerthError refuses the document (for example one from a newer Berth): the error
   * is passed on and the file is left alone. Any other throw counts as a damaged document.
   */
  migrate?: (raw: unknown) => unknown;
  log: Logger;
}

/** What a read found: the value to use, and a message for people if the file was damaged. */
export interface ReadJsonResult<T> {
  value: T;
  problem: string | null;
}

/** The outcome of loading one file. */
type Loaded<T> = { kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'bad'; reason: string };

/**
 * Reads the document at `path`. Missing gives `create()`. Damaged (bad JSON, failed migration
 * or schema) moves the file to `<path>.corrupt-<UTC time>` and falls back to `<path>.bak`,
 * which is then written back as the main file, or else to `create()`.
 */
export async function readJsonDocument<T>(
  path: string,
  schema: z.ZodType<T>,
  options: ReadJsonOptions<T>,
): Promise<ReadJsonResult<T>> {
  const loaded = await loadDocument(path, schema, options.migrate);
  if (loaded.kind === 'missing') return { value: options.create(), problem: null };
  if (loaded.kind === 'ok') return { value: loaded.value, problem: null };
  return recoverDocument(path, schema, options, loaded.reason);
}

/**
 * Validates `value` and writes the schema's output (unknown keys dropped) atomically as pretty
 * JSON with a trailing newline. An invalid value is a bug in the caller: it throws
 * BerthError('INTERNAL') and the file is untouched. The folder must already exist.
 */
export async function writeJsonDocument<T>(
  path: string,
  schema: z.ZodType<T>,
  value: T,
): Promise<void> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const reason = describeIssues(parsed.error);
    throw new BerthError('INTERNAL', `Refused to write an invalid ${basename(path)}: ${reason}`);
  }
  await writeFileAtomic(path, `${JSON.stringify(parsed.data, null, 2)}\n`);
}

/** Reads, parses, migrates and validates one file, without touching it. */
async function loadDocument<T>(
  path: string,
  schema: z.ZodType<T>,
  migrate: ((raw: unknown) => unknown) | undefined,
): Promise<Loaded<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // Only absence is expected; a permission or I/O error is not damage, so it is passed on.
    if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
    throw error;
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
    if (migrate) raw = migrate(raw);
  } catch (error) {
    if (error instanceof BerthError) throw error;
    return { kind: 'bad', reason: error instanceof Error ? error.message : String(error) };
  }

  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { kind: 'bad', reason: describeIssues(parsed.error) };
  return { kind: 'ok', value: parsed.data };
}

/** Moves the damaged file aside and finds the best value to carry on with. */
async function recoverDocument<T>(
  path: string,
  schema: z.ZodType<T>,
  options: ReadJsonOptions<T>,
  reason: string,
): Promise<ReadJsonResult<T>> {
  const movedTo = `${path}.corrupt-${fileTimestamp(new Date())}`;
  await rename(path, movedTo);
  const { value, outcome } = await restoreFromBackup(path, schema, options);

  const moved = `was moved to ${basename(movedTo)}`;
  const problem = `${basename(path)} was unreadable (${reason}) and ${moved}; ${outcome}`;
  options.log.warn(problem, { path, movedTo });
  return { value, problem };
}

/** The value of `<path>.bak`, written back as the main file, or else a new document. */
async function restoreFromBackup<T>(
  path: string,
  schema: z.ZodType<T>,
  options: ReadJsonOptions<T>,
): Promise<{ value: T; outcome: string }> {
  const bak = backupPath(path);
  const name = basename(bak);
  const backup = await loadDocument(bak, schema, options.migrate);
  if (backup.kind === 'ok') {
    await writeJsonDocument(path, schema, backup.value);
    return { value: backup.value, outcome: `the last good copy was restored from ${name}` };
  }

  const why = backup.kind === 'missing' ? 'there is none' : `unreadable too: ${backup.reason}`;
  const outcome = `no good copy could be restored from ${name} (${why}), so it starts afresh`;
  return { value: options.create(), outcome };
}

/** A short summary of what failed validation, e.g. `instances.0.name: Invalid input`. */
function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

/** A UTC time usable in file names everywhere (no colons, which Windows forbids). */
function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '');
}
