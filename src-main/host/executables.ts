/** Finding host tools on PATH, shared by driver probes and the seed builder. */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** True when `path` exists and may be executed by this process. */
export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The full path of `name`: itself when it contains a slash, else the first match on
 * `pathEnv` (with `.exe` appended on Windows).
 */
export async function findExecutable(name: string, pathEnv: string): Promise<string | null> {
  if (name.includes('/')) return (await isExecutable(name)) ? name : null;
  const file = process.platform === 'win32' ? `${name}.exe` : name;
  for (const folder of pathEnv.split(delimiter).filter(Boolean)) {
    const candidate = join(folder, file);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}
