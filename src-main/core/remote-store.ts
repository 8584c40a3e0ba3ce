/**
 * The remote servers added to Berth: a versioned list in `<data>/remotes/remotes.json`, and
 * each remote's credentials (Berth's client certificate and key, the pinned server
 * certificate) in `<data>/remotes/<name>/`, readable by the user only.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import type { RemoteInfo } from '../../src-shared/api';
import { DRIVER_IDS } from '../../src-shared/drivers';
import { BerthError } from '../../src-shared/errors';
import { REMOTE_NAME_PATTERN, targetOf } from '../../src-shared/targets';
import { type ClientIdentity, generateClientCertificate } from '../drivers/lxd/remote';
import type { RemoteEndpoint } from '../drivers/lxd/rest-client';
import type { Logger } from './logger';
import { fsyncDirectory } from './persist/atomic-file';
import { readJsonDocument, writeJsonDocument } from './persist/json-store';

const REMOTES_VERSION = 1 as const;

const storedRemoteSchema = z.object({
  name: z.string().regex(REMOTE_NAME_PATTERN),
  driver: z.enum(DRIVER_IDS),
  url: z.url({ protocol: /^https$/ }),
  serverFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  addedAt: z.iso.datetime(),
});

const remotesFileSchema = z.object({
  version: z.literal(REMOTES_VERSION),
  remotes: z.array(storedRemoteSchema),
});

type StoredRemote = z.infer<typeof storedRemoteSchema>;

const PEM = /^-----BEGIN [A-Z ]+-----\r?\n[\s\S]+-----END [A-Z ]+-----\r?\n?$/;
const CREDENTIAL_FILES = {
  certPem: 'client.crt',
  keyPem: 'client.key',
  serverCertPem: 'server.crt',
} as const;

/** The remotes of one data directory. */
export class RemoteStore {
  private remotes: StoredRemote[] = [];
  /** Why the stored list could not be used, if it could not (it was moved aside). */
  problem: string | null = null;

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
  ) {}

  /** Reads the list; a damaged one is moved aside and reported in `problem`. */
  async load(): Promise<void> {
    const read = await readJsonDocument(this.file(), remotesFileSchema, {
      create: () => ({ version: REMOTES_VERSION, remotes: [] }),
      log: this.log,
    });
    this.remotes = read.value.remotes;
    this.problem = read.problem;
  }

  /** Every remote, as clients see them. */
  list(): RemoteInfo[] {
    return this.remotes.map((r) => ({ ...r, target: targetOf(r.driver, r.name) }));
  }

  /** The remote called `name`, or null. */
  find(name: string): RemoteInfo | null {
    return this.list().find((r) => r.name === name) ?? null;
  }

  /** The credentials of `name`, checked to be PEM; a typed error names what is wrong. */
  async endpoint(name: string): Promise<RemoteEndpoint> {
    const remote = this.find(name);
    if (!remote) throw new BerthError('NOT_FOUND', `There is no remote called "${name}"`);
    const read = async (file: string) => {
      const text = await readFile(join(this.dir, name, file), 'utf8').catch(() => '');
      if (!PEM.test(text)) {
        const where = join(this.dir, name, file);
        throw new BerthError(
          'DRIVER_UNAVAILABLE',
          `The remote's ${file} is missing or damaged (${where}); ` +
            'remove the remote and add it again',
        );
      }
      return text;
    };
    return {
      url: remote.url,
      certPem: await read(CREDENTIAL_FILES.certPem),
      keyPem: await read(CREDENTIAL_FILES.keyPem),
      serverCertPem: await read(CREDENTIAL_FILES.serverCertPem),
    };
  }

  /**
   * Berth's own client certificate for remote servers, made on first use and kept in
   * `<dir>/client.crt` and `client.key` (private), so an administrator can trust it ahead.
   */
  async clientIdentity(): Promise<ClientIdentity> {
    const [certFile, keyFile] = [join(this.dir, 'client.crt'), join(this.dir, 'client.key')];
    const read = (file: string) => readFile(file, 'utf8').catch(() => '');
    const [certPem, keyPem] = await Promise.all([read(certFile), read(keyFile)]);
    if (PEM.test(certPem) && PEM.test(keyPem)) return { certPem, keyPem };
    if (certPem !== '' || keyPem !== '') {
      this.log.warn('client certificate unusable; making a new one', { certFile });
    }
    const made = await generateClientCertificate(`berth-${hostname()}`);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFile(keyFile, made.keyPem, { mode: 0o600, flush: true });
    await writeFile(certFile, made.certPem, { mode: 0o600, flush: true });
    await fsyncDirectory(this.dir);
    this.log.info('client certificate made', { certFile });
    return made;
  }

  /** Stores a new remote: credentials first, then the list that names it. */
  async add(remote: StoredRemote, endpoint: RemoteEndpoint): Promise<RemoteInfo> {
    if (this.find(remote.name)) {
      throw new BerthError('ALREADY_EXISTS', `A remote called "${remote.name}" already exists`);
    }
    const folder = join(this.dir, remote.name);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    for (const [key, file] of Object.entries(CREDENTIAL_FILES)) {
      const text = endpoint[key as keyof typeof CREDENTIAL_FILES];
      // The key is a secret: created private, never through a world-readable temp file.
      await writeFile(join(folder, file), text, { mode: 0o600, flush: true });
    }
    await fsyncDirectory(folder);
    await this.save([...this.remotes, remote]);
    this.log.info('remote added', { name: remote.name, url: remote.url });
    return this.find(remote.name) as RemoteInfo;
  }

  /** Forgets `name`: the list entry first, then its credentials. */
  async remove(name: string): Promise<void> {
    if (!this.find(name)) throw new BerthError('NOT_FOUND', `There is no remote called "${name}"`);
    await this.save(this.remotes.filter((r) => r.name !== name));
    await rm(join(this.dir, name), { recursive: true, force: true });
    this.log.info('remote removed', { name });
  }

  private async save(remotes: StoredRemote[]): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeJsonDocument(this.file(), remotesFileSchema, { version: REMOTES_VERSION, remotes });
    this.remotes = remotes;
  }

  private file(): string {
    return join(this.dir, 'remotes.json');
  }
}
