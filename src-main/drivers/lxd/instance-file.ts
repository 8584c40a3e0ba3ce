/**
 * The LXD driver's own note in each instance folder: the instance type, the image it was made
 * from and its loopback SSH port. LXD holds everything else.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { writeFileAtomic } from '../../core/persist/atomic-file';

const FILE_NAME = 'lxd-instance.json';

/** What the driver remembers about one instance. */
export const lxdInstanceFileSchema = z.object({
  type: z.enum(['container', 'virtual-machine']),
  fingerprint: z.string(),
  sshPort: z.number().int().min(1).max(65_535),
});

/** The driver's note about one instance. */
export type LxdInstanceFile = z.infer<typeof lxdInstanceFileSchema>;

/** Writes the note into instance folder `dir`. */
export async function writeInstanceFile(dir: string, file: LxdInstanceFile): Promise<void> {
  await writeFileAtomic(join(dir, FILE_NAME), `${JSON.stringify(file, null, 2)}\n`);
}

/** Reads the note of `dir`, or null when it is missing or unreadable. */
export async function readInstanceFile(dir: string): Promise<LxdInstanceFile | null> {
  const text = await readFile(join(dir, FILE_NAME), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = lxdInstanceFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
