import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../core/logger';
import { ensureSshKeyPair, generateSshKeyPair } from './keys';

const posixOnly = process.platform === 'win32' ? it.skip : it;

let root: string;
let keyPath: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'berth-keys-'));
  keyPath = join(root, 'ssh', 'id_ed25519');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

describe('ensureSshKeyPair', () => {
  posixOnly('creates an ed25519 key readable only by its owner', async () => {
    const pair = await ensureSshKeyPair(keyPath);

    expect(pair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(pair.publicKey).toMatch(/^ssh-ed25519 AAAA\S+ berth@\S+$/);
    expect(await modeOf(keyPath)).toBe(0o600);
    expect(await modeOf(join(root, 'ssh'))).toBe(0o700);
    expect((await readFile(`${keyPath}.pub`, 'utf8')).trim()).toBe(pair.publicKey);
  });

  it('reuses the existing key instead of creating another', async () => {
    const first = await ensureSshKeyPair(keyPath);
    const second = await ensureSshKeyPair(keyPath);

    expect(second).toEqual(first);
  });

  it('recreates a missing public key file from the private key', async () => {
    const first = await ensureSshKeyPair(keyPath);
    await rm(`${keyPath}.pub`);

    const second = await ensureSshKeyPair(keyPath);

    expect(second.publicKey).toBe(first.publicKey);
    expect((await readFile(`${keyPath}.pub`, 'utf8')).trim()).toBe(first.publicKey);
  });

  posixOnly('tightens a key left readable by others and warns', async () => {
    await ensureSshKeyPair(keyPath);
    await chmod(keyPath, 0o644);
    const sink = memorySink();

    await ensureSshKeyPair(keyPath, createLogger(sink, 'debug'));

    expect(await modeOf(keyPath)).toBe(0o600);
    expect(sink.lines.some((line) => line.includes('WARN') && line.includes(keyPath))).toBe(true);
  });

  it('refuses an unparsable key file and leaves it untouched', async () => {
    await ensureSshKeyPair(keyPath);
    await writeFile(keyPath, 'not a key\n', { mode: 0o600 });

    await expect(ensureSshKeyPair(keyPath)).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining(keyPath),
    });
    expect(await readFile(keyPath, 'utf8')).toBe('not a key\n');
  });
});

describe('generateSshKeyPair', () => {
  it('never returns a malformed key, though ssh2 makes one in about 256', () => {
    for (let i = 0; i < 2_000; i += 1) {
      const pair = generateSshKeyPair('berth@test');
      const parsed = ssh2.utils.parseKey(pair.publicKey);

      if (parsed instanceof Error) throw parsed;
      // An ed25519 public key blob: 4 + 11 ("ssh-ed25519") + 4 + 32 bytes.
      expect(parsed.getPublicSSH().length).toBe(51);
    }
  });
});
