/**
 * Whether an Electron binary is on disk, found the way the electron package finds it but
 * without importing the package (which would try to download one). `npm start` uses this to
 * choose between the Electron shell and the browser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The binary and where it is, or why there is none. */
export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/** What the lookup reads; tests pass fakes. */
export interface ElectronProbe {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The folder holding node_modules. */
  packageRoot: string;
  exists(path: string): boolean;
  /** The file's text, or null when it cannot be read. */
  readText(path: string): string | null;
}

/** The real file system, for ElectronProbe. */
export const diskProbe: Pick<ElectronProbe, 'exists' | 'readText'> = {
  exists: (path) => existsSync(path),
  readText: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
};

/** The executable inside an Electron dist folder, as the electron package names it. */
export function executableInDist(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Looks for the binary: in ELECTRON_OVERRIDE_DIST_PATH when set, else in the dist folder the
 * electron package's install script downloads into (it records the executable in path.txt).
 */
export function findElectronBinary(probe: ElectronProbe): ElectronBinary {
  const packageDir = join(probe.packageRoot, 'node_modules', 'electron');
  const recorded = probe.readText(join(packageDir, 'path.txt'))?.trim() || null;
  const override = probe.env.ELECTRON_OVERRIDE_DIST_PATH;

  if (override) {
    const path = join(override, recorded ?? executableInDist(probe.platform));
    if (probe.exists(path)) return { found: true, path };
    return { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${path} is missing` };
  }
  if (!probe.exists(join(packageDir, 'package.json'))) {
    return { found: false, reason: 'the electron package is not installed' };
  }
  if (!recorded) {
    return {
      found: false,
      reason: 'the electron package has no binary; its download at install time did not run',
    };
  }
  const path = join(packageDir, 'dist', recorded);
  if (probe.exists(path)) return { found: true, path };
  return { found: false, reason: `the Electron binary ${path} is missing` };
}
