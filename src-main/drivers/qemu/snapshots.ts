/** Disk snapshots of stopped instances, kept inside the qcow2 images with qemu-img. */
import { BerthError } from '../../../src-shared/errors';
import type { DriverContext, DriverSnapshots } from '../driver';
import { instanceFiles, SUSPEND_TAG } from './instance-files';
import { snapshotImages } from './power';
import type { QemuTools } from './probe';
import { snapshotOp, snapshotTags } from './qemu-img';
import { liveRuntime } from './registry';
import { readSuspendMarker } from './runtime';

async function ensureStopped(ctx: DriverContext): Promise<void> {
  if (await liveRuntime(ctx)) {
    const message = `${ctx.spec.name} is running; stop it before working with snapshots`;
    throw new BerthError('INVALID_STATE', message);
  }
}

function checkTag(tag: string): void {
  if (tag === SUSPEND_TAG) {
    throw new BerthError('INVALID_INPUT', `"${SUSPEND_TAG}" is reserved for suspended instances`);
  }
}

async function ensureExists(ctx: DriverContext, tools: QemuTools, tag: string): Promise<void> {
  const tags = await snapshotTags(tools.qemuImg, instanceFiles(ctx.dir).disk);
  if (!tags.includes(tag)) {
    throw new BerthError('NOT_FOUND', `${ctx.spec.name} has no snapshot named "${tag}"`);
  }
}

async function take(ctx: DriverContext, tools: QemuTools, tag: string): Promise<void> {
  checkTag(tag);
  await ensureStopped(ctx);
  const done: string[] = [];
  try {
    for (const image of await snapshotImages(ctx.dir)) {
      await snapshotOp(tools.qemuImg, '-c', image, tag);
      done.push(image);
    }
  } catch (error) {
    // All images or none: a snapshot of the disk alone would restore a mismatched UEFI store.
    for (const image of done) await snapshotOp(tools.qemuImg, '-d', image, tag).catch(() => {});
    throw error;
  }
  ctx.log.info('snapshot taken', { instance: ctx.spec.name, tag });
}

async function restore(ctx: DriverContext, tools: QemuTools, tag: string): Promise<void> {
  checkTag(tag);
  await ensureStopped(ctx);
  if (await readSuspendMarker(ctx.dir)) {
    // Resuming reverts the disk to the suspend point, which would silently undo the restore.
    const message = `${ctx.spec.name} is suspended; stop it before restoring a snapshot`;
    throw new BerthError('INVALID_STATE', message);
  }
  await ensureExists(ctx, tools, tag);
  for (const image of await snapshotImages(ctx.dir)) {
    await snapshotOp(tools.qemuImg, '-a', image, tag);
  }
  ctx.log.info('snapshot restored', { instance: ctx.spec.name, tag });
}

async function remove(ctx: DriverContext, tools: QemuTools, tag: string): Promise<void> {
  checkTag(tag);
  await ensureStopped(ctx);
  await ensureExists(ctx, tools, tag);
  for (const image of await snapshotImages(ctx.dir)) {
    if ((await snapshotTags(tools.qemuImg, image)).includes(tag)) {
      await snapshotOp(tools.qemuImg, '-d', image, tag);
    }
  }
  ctx.log.info('snapshot deleted', { instance: ctx.spec.name, tag });
}

/** The snapshot operations, bound to the tools the driver found. */
export function qemuSnapshots(tools: () => Promise<QemuTools>): DriverSnapshots {
  return {
    take: async (ctx, tag) => take(ctx, await tools(), tag),
    restore: async (ctx, tag) => restore(ctx, await tools(), tag),
    delete: async (ctx, tag) => remove(ctx, await tools(), tag),
  };
}
