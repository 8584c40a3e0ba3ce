/**
 * Local image files into LXD's image store. A unified image tarball (rootfs + metadata.yaml)
 * has the file's SHA-256 as its fingerprint, so an image already imported is not sent again.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { BerthError } from '../../../src-shared/errors';
import type { Logger } from '../../core/logger';
import type { LxdInstanceType } from './probe';
import type { LxdClient } from './rest-client';
import { imageSchema } from './schemas';

/** An image in the store. */
export interface StoredImage {
  fingerprint: string;
  type: LxdInstanceType;
}

const UPLOAD_TIMEOUT_MS = 600_000;

/** The SHA-256 of a file, hex. */
export async function fileSha256(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash, { signal });
  return hash.digest('hex');
}

function typeOf(value: string): LxdInstanceType {
  return value === 'virtual-machine' ? 'virtual-machine' : 'container';
}

/** Imports the unified tarball at `path` unless the store already has it. */
export async function importImage(
  client: LxdClient,
  path: string,
  signal: AbortSignal,
  log: Logger,
): Promise<StoredImage> {
  const fingerprint = await fileSha256(path, signal).catch((error: unknown) => {
    signal.throwIfAborted(); // the operation's own CANCELLED error, not the stream's
    throw error;
  });
  const known = await client.find(`/1.0/images/${fingerprint}`, imageSchema);
  if (known) return { fingerprint, type: typeOf(known.type) };
  signal.throwIfAborted();

  const size = (await stat(path)).size;
  const started = Date.now();
  const headers = {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(size),
  };
  const operation = await client.run(
    'POST',
    '/1.0/images',
    { stream: createReadStream(path), headers, signal },
    UPLOAD_TIMEOUT_MS,
  );
  const imported = operation?.metadata?.fingerprint;
  if (imported !== fingerprint) {
    const got = typeof imported === 'string' ? imported : 'none';
    throw new BerthError('HYPERVISOR_ERROR', `LXD stored the image as ${got}, not ${fingerprint}`);
  }
  const image = await client.get(`/1.0/images/${fingerprint}`, imageSchema);
  log.info('imported image into LXD', { fingerprint, ms: Date.now() - started, bytes: size });
  return { fingerprint, type: typeOf(image.type) };
}
