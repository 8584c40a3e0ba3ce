/**
 * Creating an LXD instance: from a local image file (imported once; its type decides unless
 * one was asked for) or from a simplestreams alias LXD downloads itself, with limits,
 * cloud-init, an SSH forward, and the mounts and NICs asked for at launch.
 */
import { createServer } from 'node:net';
import { BerthError } from '../../../src-shared/errors';
import type { DriverContext, LaunchSource, ProgressReporter } from '../driver';
import { importImage } from './images';
import { createRequest, type ImageOrigin } from './instance-config';
import { writeInstanceFile } from './instance-file';
import type { LxdInstanceType, LxdProbeResult } from './probe';
import type { LxdClient } from './rest-client';
import { instanceSchema } from './schemas';
import type { LxdPlacement } from './setup';

/** A loopback TCP port free right now, for the instance's SSH forward. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** What creation needs besides the instance. */
export interface CreateDeps {
  client: LxdClient;
  placement: LxdPlacement;
  probed: LxdProbeResult;
}

/** The image an instance is made from, and the type it makes. */
export interface ChosenImage {
  origin: ImageOrigin;
  type: LxdInstanceType;
  /** How the error messages name it: " from images:debian/12", or "" for a local file. */
  from: string;
}

const CREATE_TIMEOUT_MS = 600_000;
/** LXD downloads an aliased image inside the creation request; a VM image is large. */
const PULL_TIMEOUT_MS = 1_800_000;

/** Imports the image (or lets LXD pull it) and creates the (stopped) instance. */
export async function createLxdInstance(
  ctx: DriverContext,
  deps: CreateDeps,
  source: LaunchSource,
  progress: ProgressReporter,
  signal: AbortSignal,
): Promise<void> {
  const { client, placement, probed } = deps;
  const name = ctx.spec.name;
  const image = source.remoteImage
    ? aliasedImage(source, probed)
    : await localImage(ctx, deps, source, progress, signal);

  progress('creating', `Creating the LXD ${image.type} ${name}${image.from}`);
  const sshPort = await freeLoopbackPort();
  const body = createRequest({
    spec: ctx.spec,
    type: image.type,
    image: image.origin,
    placement,
    cloudInit: source.cloudInit ?? null,
    cloudInitKeys: probed.cloudInitKeys,
    sshPort,
    mounts: source.mounts ?? [],
    networks: source.networks ?? [],
  });
  // Known limitation: cancelling does not stop LXD's own creation request (nor its download
  // of an aliased image); the launch's rollback deletes the instance once LXD has made it.
  const timeoutMs = source.remoteImage ? PULL_TIMEOUT_MS : CREATE_TIMEOUT_MS;
  try {
    await client.run('POST', '/1.0/instances', { json: body }, timeoutMs);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^LXD: /, '') : String(error);
    const message = `LXD refused to create the ${image.type} ${name}${image.from}: ${reason}`;
    throw new BerthError('HYPERVISOR_ERROR', message);
  }
  const fingerprint = await fingerprintOf(client, name, image.origin);
  await writeInstanceFile(ctx.dir, { type: image.type, fingerprint, sshPort });
  ctx.log.info('instance created', { instance: name, type: image.type, sshPort });
}

/** A local image file, imported into LXD's store unless it is there already. */
async function localImage(
  ctx: DriverContext,
  { client, probed }: CreateDeps,
  source: LaunchSource,
  progress: ProgressReporter,
  signal: AbortSignal,
): Promise<ChosenImage> {
  progress('importing-image', 'Importing the image into LXD');
  const image = await importImage(client, source.disk, signal, ctx.log);
  signal.throwIfAborted();
  if (source.type && source.type !== image.type) {
    throw new BerthError(
      'INVALID_INPUT',
      `The image ${source.disk} holds a ${image.type}, not a ${source.type}; ` +
        'launch it without asking for a type, or use an image of that type',
    );
  }
  if (!probed.types.includes(image.type)) {
    // Not refused here: the server's own answer says why, and is what the user can act on.
    ctx.log.warn('the image needs an instance type this server does not report', {
      instance: ctx.spec.name,
      type: image.type,
    });
  }
  return { origin: { fingerprint: image.fingerprint }, type: image.type, from: '' };
}

/**
 * An image LXD pulls by alias: a simplestreams alias names both types, so the ask decides;
 * without one, a virtual machine where the server runs them (as Multipass does), else a
 * system container.
 */
export function aliasedImage(source: LaunchSource, probed: LxdProbeResult): ChosenImage {
  const remote = source.remoteImage;
  if (!remote) throw new Error('aliasedImage needs a remote image');
  const fallback = probed.types.includes('virtual-machine') ? 'virtual-machine' : 'container';
  return { origin: remote, type: source.type ?? fallback, from: ` from ${remote.name}` };
}

/** The image's fingerprint; for a pulled image, the one LXD noted on the instance. */
async function fingerprintOf(client: LxdClient, name: string, origin: ImageOrigin) {
  if ('fingerprint' in origin) return origin.fingerprint;
  const instance = await client.find(`/1.0/instances/${name}`, instanceSchema);
  return instance?.config['volatile.base_image'] ?? '';
}
