/** The qemu-img operations the driver uses: copy, grow, inspect and internal snapshots. */
import { execa } from 'execa';
import * as z from 'zod';
import { BerthError } from '../../../src-shared/errors';
import { cancelled, hypervisorError, isLockError } from './errors';

/** Runs qemu-img; rejects with a readable error, or INVALID_STATE when the image is in use. */
export async function runQemuImg(
  qemuImg: string,
  args: string[],
  signal?: AbortSignal,
): Promise<string> {
  const result = await execa(qemuImg, args, {
    reject: false,
    stdin: 'ignore',
    ...(signal ? { cancelSignal: signal } : {}),
  });
  if (result.isCanceled) throw cancelled(`qemu-img ${args[0]}`);
  if (result.exitCode === 0) return result.stdout;
  if (isLockError(result.stderr)) {
    const message = 'The disk is in use by a running VM; stop the instance first';
    throw new BerthError('INVALID_STATE', message, [result.stderr.trim()]);
  }
  throw hypervisorError(`qemu-img ${args[0]} failed`, result.stderr);
}

/** Copies any image qemu-img reads (qcow2, raw, ...) into a standalone qcow2 file. */
export async function convertToQcow2(
  qemuImg: string,
  source: string,
  target: string,
  signal?: AbortSignal,
): Promise<void> {
  await runQemuImg(qemuImg, ['convert', '-O', 'qcow2', source, target], signal);
}

const infoSchema = z.object({
  'virtual-size': z.number(),
  snapshots: z.array(z.object({ name: z.string() })).optional(),
});

async function imageInfo(qemuImg: string, image: string): Promise<z.infer<typeof infoSchema>> {
  // -U reads an image a running VM holds (the numbers may be a moment old).
  const stdout = await runQemuImg(qemuImg, ['info', '-U', '--output=json', image]);
  return infoSchema.parse(JSON.parse(stdout));
}

/** The size in bytes the guest sees. */
export async function virtualSizeBytes(qemuImg: string, image: string): Promise<number> {
  return (await imageInfo(qemuImg, image))['virtual-size'];
}

/** Sets the image's virtual size to `bytes`. */
export async function resizeImage(qemuImg: string, image: string, bytes: number): Promise<void> {
  await runQemuImg(qemuImg, ['resize', image, String(bytes)]);
}

/** The tags of the image's internal snapshots. */
export async function snapshotTags(qemuImg: string, image: string): Promise<string[]> {
  return ((await imageInfo(qemuImg, image)).snapshots ?? []).map((snapshot) => snapshot.name);
}

/** Takes (`-c`), applies (`-a`) or deletes (`-d`) internal snapshot `tag`. */
export async function snapshotOp(
  qemuImg: string,
  op: '-c' | '-a' | '-d',
  image: string,
  tag: string,
): Promise<void> {
  await runQemuImg(qemuImg, ['snapshot', op, tag, image]);
}
