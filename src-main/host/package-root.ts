/**
 * Where Berth's own files are: the folder holding its package.json. Found by walking up from
 * this module, which works both from the sources (src-main/host) and from the bundle (dist/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'berth';

/** The nearest folder at or above `from` whose package.json names Berth, or null. */
export function findPackageRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (isBerthPackage(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** Berth's package root, found from where this code runs (the cwd when nothing is found). */
export function packageRoot(): string {
  return findPackageRoot(dirname(fileURLToPath(import.meta.url))) ?? process.cwd();
}

function isBerthPackage(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'name' in parsed
      ? parsed.name === PACKAGE_NAME
      : false;
  } catch {
    return false;
  }
}
