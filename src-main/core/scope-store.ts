/**
 * One scope's document in memory, written back through a single chain so concurrent changes
 * to different instances never overwrite each other with an older copy.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BerthError } from '../../src-shared/errors';
import type { Logger } from './logger';
import { readJsonDocument, writeJsonDocument } from './persist/json-store';
import { emptyScopeFile, type InstanceRecord, type ScopeFile, scopeFileSchema } from './records';

/** A loaded scope: its instances, and the problem met while reading it, if any. */
export class ScopeStore {
  private doc: ScopeFile;
  private writes: Promise<void> = Promise.resolve();
  /** Why the stored file could not be used as it was, if so (it was moved aside). */
  problem: string | null = null;

  private constructor(
    readonly scope: string,
    private readonly path: string,
    private readonly log: Logger,
  ) {
    this.doc = emptyScopeFile(scope);
  }

  /** Reads the scope document at `path`; a corrupt file is moved aside and reported. */
  static async open(scope: string, path: string, log: Logger): Promise<ScopeStore> {
    const store = new ScopeStore(scope, path, log);
    const read = await readJsonDocument(path, scopeFileSchema, {
      create: () => emptyScopeFile(scope),
      log,
    });
    store.doc = read.value;
    store.problem = read.problem;
    return store;
  }

  /** Every instance record, in name order. */
  all(): InstanceRecord[] {
    return Object.values(this.doc.instances).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The record named `name`, or null. */
  find(name: string): InstanceRecord | null {
    return Object.hasOwn(this.doc.instances, name) ? (this.doc.instances[name] ?? null) : null;
  }

  /** The record named `name`, or NOT_FOUND. */
  get(name: string): InstanceRecord {
    const record = this.find(name);
    if (!record) throw new BerthError('NOT_FOUND', `Instance "${name}" does not exist`);
    return record;
  }

  /** Inserts or replaces a record and persists the scope. */
  async put(record: InstanceRecord): Promise<void> {
    this.doc = { ...this.doc, instances: { ...this.doc.instances, [record.name]: record } };
    await this.flush();
  }

  /** Applies `change` to one record and persists; returns the new record. */
  async update(name: string, change: Partial<InstanceRecord>): Promise<InstanceRecord> {
    const next = { ...this.get(name), ...change, name };
    await this.put(next);
    return next;
  }

  /** Removes a record and persists. */
  async remove(name: string): Promise<void> {
    const instances = { ...this.doc.instances };
    delete instances[name];
    this.doc = { ...this.doc, instances };
    await this.flush();
  }

  /** Resolves once every change so far is on disk. */
  flush(): Promise<void> {
    // Each write serialises the newest document, so a later write never loses to an earlier one.
    const write = this.writes.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await writeJsonDocument(this.path, scopeFileSchema, this.doc);
    });
    this.writes = write.catch((error: unknown) => {
      this.log.error('could not write the scope file', { scope: this.scope, error: String(error) });
    });
    return write;
  }
}
