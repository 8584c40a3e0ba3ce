/**
 * Per-instance state that outlives Berth: `runtime.json` while QEMU runs (its pid, the SSH
 * forward, the monitor socket) and `suspended.json` while memory is saved in the disk.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as z from 'zod';
import { instanceFiles } from './instance-files';

const runtimeSchema = z.object({
  pid: z.number().int().positive(),
  sshPort: z.number().int().min(1).max(65535),
  qmpSocket: z.string().min(1),
  startedAt: z.string(),
});

/** What `runtime.json` records about a running QEMU. */
export type Runtime = z.infer<typeof runtimeSchema>;

const suspendMarkerSchema = z.object({ tag: z.string().min(1), savedAt: z.string() });

/** What `suspended.json` records about a saved memory state. */
export type SuspendMarker = z.infer<typeof suspendMarkerSchema>;

/** Writes JSON so that a reader never sees half a file (temp file, then rename). */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`);
  await rename(temp, path);
}

/** Reads and validates a JSON file; null when it is missing or unreadable. */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The runtime record of the instance in `dir`, or null. */
export function readRuntime(dir: string): Promise<Runtime | null> {
  return readJsonFile(instanceFiles(dir).runtime, runtimeSchema);
}

/** Records a freshly started QEMU. */
export function writeRuntime(dir: string, runtime: Runtime): Promise<void> {
  return writeJsonAtomic(instanceFiles(dir).runtime, runtimeSchema.parse(runtime));
}

/**
 * Forgets a QEMU that is gone: its runtime record, pidfile and socket. Synchronous so that it
 * completes before the exit is reported and a new start cannot race with it.
 */
export function clearRuntimeSync(dir: string, qmpSocket: string | null): void {
  const files = instanceFiles(dir);
  for (const path of [files.runtime, files.pidFile, qmpSocket]) {
    if (path) rmSync(path, { force: true });
  }
}

/** The suspend marker of the instance in `dir`, or null when it is not suspended. */
export function readSuspendMarker(dir: string): Promise<SuspendMarker | null> {
  return readJsonFile(instanceFiles(dir).suspendMarker, suspendMarkerSchema);
}

/** Records that the VM's memory was saved under `tag`. */
export function writeSuspendMarker(dir: string, tag: string): Promise<void> {
  const marker: SuspendMarker = { tag, savedAt: new Date().toISOString() };
  return writeJsonAtomic(instanceFiles(dir).suspendMarker, marker);
}

/** Forgets the saved memory state (the caller removes the snapshot tag itself). */
export async function clearSuspendMarker(dir: string): Promise<void> {
  await rm(instanceFiles(dir).suspendMarker, { force: true });
}
