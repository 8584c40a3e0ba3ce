/** The marker that ties a domain's managed save to the instance folder it was taken from. */
import { constants } from 'node:fs';
import { access, rm } from 'node:fs/promises';
import { writeJsonAtomic } from '../qemu/runtime';
import { libvirtFiles } from './identity';

/** Records that `domain`'s memory was saved for the instance in `dir`. */
export function markSaved(dir: string, domain: string): Promise<void> {
  return writeJsonAtomic(libvirtFiles(dir).savedMarker, {
    domain,
    savedAt: new Date().toISOString(),
  });
}

/** True when the managed save of the domain was taken from this folder's instance. */
export async function isSavedHere(dir: string): Promise<boolean> {
  try {
    await access(libvirtFiles(dir).savedMarker, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Forgets the marker (the save was resumed or discarded). */
export async function clearSaved(dir: string): Promise<void> {
  await rm(libvirtFiles(dir).savedMarker, { force: true });
}
