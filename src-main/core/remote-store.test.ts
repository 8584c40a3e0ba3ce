import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../src-shared/errors';
import { silentLogger } from './logger';
import { RemoteStore } from './remote-store';

const pem = (label: string) => `-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----\n`;
const endpoint = {
  url: 'https://lab.example:8443',
  certPem: pem('CERTIFICATE'),
  keyPem: pem('PRIVATE KEY'),
  serverCertPem: pem('CERTIFICATE'),
};
const lab = {
  name: 'lab',
  driver: 'lxd' as const,
  url: 'https://lab.example:8443',
  serverFingerprint: 'a'.repeat(64),
  addedAt: '2026-12-04T08:00:00.000Z',
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-remotes-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function opened(): Promise<RemoteStore> {
  const store = new RemoteStore(dir, silentLogger);
  await store.load();
  return store;
}

describe('RemoteStore', () => {
  it('keeps a remote across loads, with its key readable by the user only', async () => {
    const info = await (await opened()).add(lab, endpoint);
    expect(info.target).toBe('lxd@lab');

    const again = await opened();
    expect(again.list()).toEqual([{ ...lab, target: 'lxd@lab' }]);
    expect(await again.endpoint('lab')).toEqual(endpoint);
    expect((await stat(join(dir, 'lab', 'client.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'lab'))).mode & 0o777).toBe(0o700);
  });

  it('refuses a second remote of the same name, changing nothing', async () => {
    const store = await opened();
    await store.add(lab, endpoint);
    const error = await store.add(lab, { ...endpoint, keyPem: pem('OTHER') }).catch((e) => e);
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('ALREADY_EXISTS');
    expect(await readFile(join(dir, 'lab', 'client.key'), 'utf8')).toBe(endpoint.keyPem);
  });

  it('says which credential file is damaged instead of using it', async () => {
    const store = await opened();
    await store.add(lab, endpoint);
    await writeFile(join(dir, 'lab', 'server.crt'), 'garbage');
    await expect(store.endpoint('lab')).rejects.toThrow(/server\.crt is missing or damaged/);
  });

  it('forgets a remote and its credentials', async () => {
    const store = await opened();
    await store.add(lab, endpoint);
    await store.remove('lab');
    expect((await opened()).list()).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['remotes.json', 'remotes.json.bak']);
  });

  it('moves a corrupt list aside with a message rather than resetting it silently', async () => {
    await writeFile(join(dir, 'remotes.json'), '{"version":1,"remotes":[{"name":');
    const store = await opened();
    expect(store.list()).toEqual([]);
    expect(store.problem).toMatch(/remotes\.json/);
    expect((await readdir(dir)).some((f) => f.startsWith('remotes.json.corrupt-'))).toBe(true);
  });
});
