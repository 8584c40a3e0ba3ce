/**
 * Creating an LXD instance from a local image file: import the image (once), pick the
 * instance type from it, and create the instance with limits, cloud-init and an SSH forward.
 */
import { createServer } from 'node:net';
import { BerthError } from '../../../src-shared/errors';
import type { DriverContext, LaunchSource, ProgressReporter } from '../driver';
import { importImage } from './images';
import { createRequest } from './instance-config';
import { writeInstanceFile } from './instance-file';
import type { LxdProbeResult } from './probe';
import type { LxdClient } from './rest-client';
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

/** Imports the image and creates the (stopped) instance. */
export async function createLxdInstance(
  ctx: DriverContext,
  deps: CreateDeps,
  source: LaunchSource,
  progress: ProgressReporter,
  signal: AbortSignal,
): Promise<void> {
  const { client, placement, probed } = deps;
  const name = ctx.spec.name;
  progress('importing-image', 'Importing the image into LXD');
  const image = await importImage(client, source.disk, signal, ctx.log);
  signal.throwIfAborted();
  if (!probed.types.includes(image.type)) {
    // Not refused here: the server's own answer says why, and is what the user can act on.
    ctx.log.warn('the image needs an instance type this server does not report', {
      instance: name,
      type: image.type,
    });
  }

  progress('creating', `Creating the LXD ${image.type} ${name}`);
  const sshPort = await freeLoopbackPort();
  const body = createRequest({
    spec: ctx.spec,
    type: image.type,
    fingerprint: image.fingerprint,
    placement,
    cloudInit: source.cloudInit ?? null,
    cloudInitKeys: probed.cloudInitKeys,
    sshPort,
  });
  try {
    await client.run('POST', '/1.0/instances', { json: body }, 600_000);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^LXD: /, '') : String(error);
    const message = `LXD refused to create the ${image.type} ${name}: ${reason}`;
    throw new BerthError('HYPERVISOR_ERROR', message);
  }
  await writeInstanceFile(ctx.dir, { type: image.type, fingerprint: image.fingerprint, sshPort });
  ctx.log.info('instance created', { instance: name, type: image.type, sshPort });
}
