/**
 * What `create` decided for an instance and `start` must repeat exactly: the firmware whose
 * variable store the instance was given (code and store must come from the same build).
 */
import * as z from 'zod';
import type { Firmware } from './firmware';
import { instanceFiles } from './instance-files';
import { readJsonFile, writeJsonAtomic } from './runtime';

const firmwareSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('split'), code: z.string(), varsTemplate: z.string() }),
  z.object({ kind: z.literal('combined'), image: z.string() }),
]);

const configSchema = z.object({ firmware: firmwareSchema.nullable() });

/** The QEMU-specific choices recorded for one instance (`qemu.json`). */
export type InstanceConfig = z.infer<typeof configSchema>;

/** Reads the instance's recorded choices; null when it has none. */
export function readInstanceConfig(dir: string): Promise<InstanceConfig | null> {
  return readJsonFile(instanceFiles(dir).config, configSchema);
}

/** Records the instance's choices. */
export function writeInstanceConfig(dir: string, firmware: Firmware | null): Promise<void> {
  return writeJsonAtomic(instanceFiles(dir).config, { firmware });
}
