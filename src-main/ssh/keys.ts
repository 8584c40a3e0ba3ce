/**
 * Berth's SSH key pair: one ed25519 key per installation, created on first use and reused after,
 * so every instance trusts the same key and the user can ssh in with it too.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import ssh2, { type ParsedKey } from 'ssh2';
import { BerthError } from '../../src-shared/errors';
import { type Logger, silentLogger } from '../core/logger';

/** Berth's key pair, as texts ready for ssh2 and for cloud-init. */
export interface SshKeyPair {
  /** The private key in OpenSSH PEM form. */
  privateKey: string;
  /** One authorized_keys line: "ssh-ed25519 AAAA... berth@<hostname>". */
  publicKey: string;
}

/**
 * Returns the key pair stored at `privateKeyPath` (public half in `<path>.pub`), creating it
 * when missing. Tightens loose permissions on an existing key. Throws BerthError('INTERNAL')
 * when the file exists but is not a usable private key; a user's key is never overwritten.
 */
export async function ensureSshKeyPair(
  privateKeyPath: string,
  log: Logger = silentLogger,
): Promise<SshKeyPair> {
  const existing = await readIfPresent(privateKeyPath);
  if (existing === null) return createKeyPair(privateKeyPath, log);

  await tightenPermissions(privateKeyPath, log);
  const publicKey = publicKeyLine(parsePrivateKey(existing, privateKeyPath));
  await writeMissingPublicKey(`${privateKeyPath}.pub`, publicKey);
  return { privateKey: existing, publicKey };
}

/**
 * A new ed25519 key pair in memory. ssh2 1.17 drops a leading zero byte of the public key, so
 * about 1 key in 256 comes out malformed (mscdex/ssh2#1390); such pairs are discarded.
 */
export function generateSshKeyPair(comment: string): SshKeyPair {
  for (let attempt = 0; attempt < 16; attempt += 1) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    const usable = [pair.private, pair.public].every((text) => {
      return !(ssh2.utils.parseKey(text) instanceof Error);
    });
    if (usable) return { privateKey: pair.private, publicKey: pair.public };
  }
  throw new BerthError('INTERNAL', 'Could not generate a well-formed SSH key pair');
}

async function createKeyPair(privateKeyPath: string, log: Logger): Promise<SshKeyPair> {
  const pair = generateSshKeyPair(`berth@${hostname()}`);
  await mkdir(dirname(privateKeyPath), { recursive: true, mode: 0o700 });

  // The public half goes first: a private file present means the pair is complete.
  await writeAtomically(`${privateKeyPath}.pub`, `${pair.publicKey}\n`, 0o644);
  await writeAtomically(privateKeyPath, pair.privateKey, 0o600);
  log.info('created SSH key pair', { path: privateKeyPath });
  return pair;
}

/** Writes through a temp file created with `mode`, so no reader sees a partial or open file. */
async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { mode, flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function tightenPermissions(path: string, log: Logger): Promise<void> {
  // Known limitation: Windows has no POSIX modes; ACLs there are left as the user set them.
  if (process.platform === 'win32') return;
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  await chmod(path, 0o600);
  log.warn('SSH private key was readable by others; restricted it to its owner', {
    path,
    previousMode: mode.toString(8),
  });
}

function parsePrivateKey(text: string, path: string): ParsedKey {
  // ssh2 can hand back undefined for a key file that declares no keys, despite its types.
  const key: ParsedKey | Error | undefined = ssh2.utils.parseKey(text);
  if (key instanceof Error || key === undefined || !key.isPrivateKey()) {
    const reason = key instanceof Error ? `: ${key.message}` : '';
    throw new BerthError(
      'INTERNAL',
      `${path} is not a usable SSH private key${reason}. Move it away and Berth will create one.`,
    );
  }
  return key;
}

function publicKeyLine(key: ParsedKey): string {
  const comment = key.comment || `berth@${hostname()}`;
  return `${key.type} ${key.getPublicSSH().toString('base64')} ${comment}`;
}

async function writeMissingPublicKey(path: string, publicKey: string): Promise<void> {
  if ((await readIfPresent(path)) !== null) return;
  await writeAtomically(path, `${publicKey}\n`, 0o644);
}
