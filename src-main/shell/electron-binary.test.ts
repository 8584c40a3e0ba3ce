import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ElectronProbe, findElectronBinary } from './electron-binary';

const root = '/work/berth';
const pkg = join(root, 'node_modules', 'electron');

/** A probe over an imaginary disk holding `files` (path → text). */
function probe(files: Record<string, string>, env: NodeJS.ProcessEnv = {}): ElectronProbe {
  return {
    env,
    platform: 'linux',
    packageRoot: root,
    exists: (path) => Object.hasOwn(files, path),
    readText: (path) => files[path] ?? null,
  };
}

describe('finding the Electron binary', () => {
  it('finds the downloaded binary that path.txt names', () => {
    const files = {
      [join(pkg, 'package.json')]: '{}',
      [join(pkg, 'path.txt')]: 'electron\n',
      [join(pkg, 'dist', 'electron')]: '',
    };
    expect(findElectronBinary(probe(files))).toEqual({
      found: true,
      path: join(pkg, 'dist', 'electron'),
    });
  });

  it('says the package is missing when it is', () => {
    expect(findElectronBinary(probe({}))).toEqual({
      found: false,
      reason: 'the electron package is not installed',
    });
  });

  it('says the binary was never downloaded when path.txt is missing', () => {
    const result = findElectronBinary(probe({ [join(pkg, 'package.json')]: '{}' }));
    expect(result).toEqual({
      found: false,
      reason: 'the electron package has no binary; its download at install time did not run',
    });
  });

  it('says which file is missing when path.txt names one that is not there', () => {
    const files = { [join(pkg, 'package.json')]: '{}', [join(pkg, 'path.txt')]: 'electron' };
    expect(findElectronBinary(probe(files))).toEqual({
      found: false,
      reason: `the Electron binary ${join(pkg, 'dist', 'electron')} is missing`,
    });
  });

  it('prefers ELECTRON_OVERRIDE_DIST_PATH, and reports it when it points nowhere', () => {
    const env = { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' };
    expect(findElectronBinary(probe({ '/opt/electron/electron': '' }, env))).toEqual({
      found: true,
      path: '/opt/electron/electron',
    });
    expect(findElectronBinary(probe({}, env))).toEqual({
      found: false,
      reason: 'ELECTRON_OVERRIDE_DIST_PATH is set but /opt/electron/electron is missing',
    });
  });
});
