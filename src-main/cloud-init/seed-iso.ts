import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { BerthError } from '../../src-shared/errors';
import type { Logger } from '../core/logger';
import { findExecutable } from '../host/executables';
import type { SeedDocuments } from './seed-documents';

/** ISO tools Berth can drive, in order of preference. */
export const ISO_TOOL_NAMES = ['genisoimage', 'xorriso', 'mkisofs'] as const;

/** One ISO tool found on this computer. */
export interface IsoTool {
  name: (typeof ISO_TOOL_NAMES)[number];
  /** Full path to the executable. */
  path: string;
}

/** How to write a seed. */
export interface WriteSeedOptions {
  signal?: AbortSignal;
  log: Logger;
  /** The tool to use; the first one `findIsoTool` finds when absent. */
  tool?: IsoTool;
}

/** Message shown when no tool is installed; says what to install. */
export const NO_ISO_TOOL_MESSAGE =
  'No ISO tool found; install genisoimage (Debian/Ubuntu: apt install genisoimage), ' +
  'xorriso (Fedora: dnf install xorriso; macOS: brew install xorriso) or mkisofs';

/** The preferred ISO tool on `pathEnv`, or null when none is installed. */
export async function findIsoTool(pathEnv = process.env.PATH ?? ''): Promise<IsoTool | null> {
  return (await findIsoTools(pathEnv))[0] ?? null;
}

/** Every ISO tool on `pathEnv`, most preferred first. */
export async function findIsoTools(pathEnv = process.env.PATH ?? ''): Promise<IsoTool[]> {
  const found: IsoTool[] = [];
  for (const name of ISO_TOOL_NAMES) {
    const path = await findExecutable(name, pathEnv);
    if (path) found.push({ name, path });
  }
  return found;
}

/**
 * Writes `documents` as a NoCloud seed ISO at `isoPath`, replacing any file there only once
 * the new one is complete. Throws DRIVER_UNAVAILABLE without a tool, CANCELLED on abort.
 */
export async function writeSeedIso(
  isoPath: string,
  documents: SeedDocuments,
  options: WriteSeedOptions,
): Promise<void> {
  const tool = options.tool ?? (await findIsoTool());
  if (!tool) throw new BerthError('DRIVER_UNAVAILABLE', NO_ISO_TOOL_MESSAGE);

  const folder = await mkdtemp(join(tmpdir(), 'berth-seed-'));
  const partial = `${isoPath}.partial`;
  try {
    const names = Object.keys(documents) as (keyof SeedDocuments)[];
    await Promise.all(names.map((name) => writeFile(join(folder, name), documents[name])));
    await runIsoTool(tool, isoArgs(tool, partial, names), folder, options.signal);
    await rename(partial, isoPath);
    options.log.debug('wrote cloud-init seed', { path: isoPath, tool: tool.name });
  } finally {
    await rm(folder, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

/** Arguments for a `cidata` volume with Joliet and Rock Ridge names, as NoCloud expects. */
function isoArgs(tool: IsoTool, output: string, files: string[]): string[] {
  if (tool.name === 'genisoimage') {
    return ['-output', output, '-volid', 'cidata', '-joliet', '-rock', ...files];
  }
  const mkisofsArgs = ['-o', output, '-V', 'cidata', '-J', '-r', ...files];
  return tool.name === 'xorriso' ? ['-as', 'mkisofs', ...mkisofsArgs] : mkisofsArgs;
}

async function runIsoTool(
  tool: IsoTool,
  args: string[],
  cwd: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (signal?.aborted)
    throw new BerthError('CANCELLED', 'Writing the cloud-init seed was cancelled');
  const result = await execa(tool.path, args, {
    cwd,
    reject: false,
    stdin: 'ignore',
    ...(signal ? { cancelSignal: signal } : {}),
  });
  if (result.isCanceled) {
    throw new BerthError('CANCELLED', 'Writing the cloud-init seed was cancelled');
  }
  if (result.failed) {
    const stderr = result.stderr.trim();
    const details = stderr
      ? stderr.split('\n').slice(-10)
      : [result.shortMessage ?? 'it did not run'];
    throw new BerthError('INTERNAL', `${tool.name} could not build the cloud-init seed`, details);
  }
}
