/**
 * Prepares an instance's folder without booting it: a standalone qcow2 disk of the requested
 * size, the kernel and initrd or a UEFI variable store, and the cloud-init seed beside them.
 */
import { copyFile, link, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BerthError } from '../../../src-shared/errors';
import type { DriverContext, LaunchSource, ProgressReporter } from '../driver';
import { cancelled } from './errors';
import type { Firmware } from './firmware';
import { writeInstanceConfig } from './instance-config';
import { instanceFiles } from './instance-files';
import { NO_FIRMWARE_WARNING, type QemuTools } from './probe';
import { convertToQcow2, resizeImage, virtualSizeBytes } from './qemu-img';

/** What `create` works with. */
interface CreateJob {
  ctx: DriverContext;
  tools: QemuTools;
  source: LaunchSource;
  progress: ProgressReporter;
  signal: AbortSignal;
  /** Files made so far, removed again if the job fails. */
  made: string[];
}

function checkNotAborted(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled('Creating the instance');
}

async function prepareDisk(job: CreateJob): Promise<void> {
  const { ctx, tools, signal } = job;
  const disk = instanceFiles(ctx.dir).disk;
  job.progress('preparing-disk', 'Copying the disk image');
  job.made.push(disk);
  await convertToQcow2(tools.qemuImg, job.source.disk, disk, signal);
  checkNotAborted(signal);

  // qcow2 sizes are whole sectors.
  const wantedBytes = Math.ceil(ctx.spec.diskBytes / 512) * 512;
  const currentBytes = await virtualSizeBytes(tools.qemuImg, disk);
  if (currentBytes >= wantedBytes) {
    ctx.log.info('disk image is already at least the requested size; kept as is', {
      instance: ctx.spec.name,
      imageBytes: currentBytes,
      requestedBytes: ctx.spec.diskBytes,
    });
    return;
  }
  job.progress('resizing-disk', 'Growing the disk to the requested size');
  await resizeImage(tools.qemuImg, disk, wantedBytes);
}

async function copyKernel(job: CreateJob): Promise<void> {
  const { kernel, initrd } = job.source;
  if (!kernel || !initrd) {
    const message = 'A kernel-booted image needs both a kernel and an initrd';
    throw new BerthError('INVALID_INPUT', message);
  }
  const files = instanceFiles(job.ctx.dir);
  job.progress('copying-kernel', 'Copying the kernel and initrd');
  job.made.push(files.kernel, files.initrd);
  await copyFile(kernel, files.kernel);
  await copyFile(initrd, files.initrd);
}

async function prepareFirmware(job: CreateJob, firmware: Firmware): Promise<void> {
  const efiVars = instanceFiles(job.ctx.dir).efiVars;
  const template = firmware.kind === 'split' ? firmware.varsTemplate : firmware.image;
  job.progress('preparing-firmware', 'Creating the UEFI variable store');
  job.made.push(efiVars);
  // qcow2, not a raw copy: savevm refuses a writable flash that cannot hold snapshots.
  await convertToQcow2(job.tools.qemuImg, template, efiVars, job.signal);
}

async function placeSeed(job: CreateJob, seedIso: string): Promise<void> {
  const target = instanceFiles(job.ctx.dir).seedIso;
  if (resolve(seedIso) === target) return;
  job.progress('attaching-seed', 'Attaching the cloud-init seed');
  job.made.push(target);
  await rm(target, { force: true });
  try {
    await link(seedIso, target);
  } catch {
    // Different file systems cannot share a hard link; the seed is small, so copy it.
    await copyFile(seedIso, target);
  }
}

/** Prepares `ctx.dir` for its first boot; removes what it made when it fails or is aborted. */
export async function createInstance(
  ctx: DriverContext,
  tools: QemuTools,
  source: LaunchSource,
  seedIso: string,
  progress: ProgressReporter,
  signal: AbortSignal,
): Promise<void> {
  const job: CreateJob = { ctx, tools, source, progress, signal, made: [] };
  const firmware = ctx.spec.bootKind === 'disk' ? tools.firmware : null;
  if (ctx.spec.bootKind === 'disk' && !firmware) {
    throw new BerthError('UNSUPPORTED', NO_FIRMWARE_WARNING);
  }
  try {
    checkNotAborted(signal);
    await prepareDisk(job);
    checkNotAborted(signal);
    if (ctx.spec.bootKind === 'kernel') await copyKernel(job);
    if (firmware) await prepareFirmware(job, firmware);
    checkNotAborted(signal);
    await placeSeed(job, seedIso);
    await writeInstanceConfig(ctx.dir, firmware);
  } catch (error) {
    await Promise.all(job.made.map((path) => rm(path, { force: true })));
    ctx.log.warn('creating the instance failed; partial files removed', {
      instance: ctx.spec.name,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
  ctx.log.info('instance prepared', { instance: ctx.spec.name, bootKind: ctx.spec.bootKind });
}
