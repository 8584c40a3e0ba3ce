/**
 * The packaging configuration, checked without running electron-builder (it downloads tools):
 * it parses, electron-builder's own schema accepts it, and every file it names exists once
 * the icons are rendered, or is an output of `npm run build` whose source exists.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderIcons } from '../../scripts/icons.mjs';
import { shellPaths } from './shell-paths';
import { BUSY_FRAME_COUNT, type TrayIconState, trayIconFile } from './tray-icon-state';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(join(root, 'package.json'));

/** What `npm run build` writes (scripts/build.mjs), by the source it is made from. */
const BUILD_OUTPUTS: Readonly<Record<string, string>> = {
  'dist/cli.mjs': 'src-main/cli/index.ts',
  'dist/shell/main.mjs': 'src-main/shell/main.ts',
  'dist/shell/preload.cjs': 'src-main/shell/preload.ts',
  'dist/renderer/**': 'src-renderer/main.tsx',
};

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: { from: string; to: string }[];
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  nsis: { installerIcon: string };
}

const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

beforeAll(async () => {
  // The icons are generated, not committed: render them as `npm run build` would.
  await renderIcons();
});

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder’s own configuration schema', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, debug: unknown): Promise<void>;
    };
    const quietDebugLogger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, quietDebugLogger)).resolves.toBeUndefined();
  });

  it('names the app and builds every installer the issue asks for', () => {
    expect(config.appId).toBe('dev.berth.app');
    expect(config.productName).toBe('Berth');
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('points each platform at an icon rendered at the sizes it needs', () => {
    expect(readFileSync(join(root, config.mac.icon)).subarray(0, 4).toString()).toBe('icns');
    expect(readFileSync(join(root, config.win.icon)).readUInt16LE(2)).toBe(1);
    expect(readFileSync(join(root, config.nsis.installerIcon)).length).toBeGreaterThan(0);
    const linuxSizes = readdirSync(join(root, config.linux.icon));
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(linuxSizes).toContain(`${size}x${size}.png`);
    }
  });

  it('packs files that exist or that the build makes from existing sources', () => {
    for (const pattern of config.files.filter((p) => !p.startsWith('!'))) {
      const source = BUILD_OUTPUTS[pattern];
      if (source) expect(existsSync(join(root, source)), source).toBe(true);
      else expect(existsSync(join(root, pattern.replace(/\/\*\*$/, ''))), pattern).toBe(true);
    }
  });

  it('ships the CLI inside, in a folder that exists and holds both launchers', () => {
    const cli = config.extraResources.find((r) => r.to === 'cli');
    expect(cli).toBeDefined();
    const launcher = join(root, cli?.from ?? '', 'berth');
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
    expect(existsSync(join(root, cli?.from ?? '', 'berth.cmd'))).toBe(true);
    expect(config.files).toContain('bin/berth.mjs');
  });

  it('packs the Electron entry package.json names, and the preload the shell loads', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(config.files).toContain(pkg.main);
    const paths = shellPaths(join(root, 'dist', 'shell'), {});
    expect(config.files).toContain('dist/shell/preload.cjs');
    expect(paths.preload).toBe(join(root, 'dist', 'shell', 'preload.cjs'));
    expect(existsSync(paths.windowIcon)).toBe(true);
  });
});

describe('the tray images', () => {
  it('exist for every state and busy frame, on every platform, at 1x and 2x', () => {
    const { trayIconDir } = shellPaths(join(root, 'dist', 'shell'), {});
    const states: TrayIconState[] = ['idle', 'running', 'busy', 'error'];
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      for (const state of states) {
        for (let frame = 0; frame < BUSY_FRAME_COUNT; frame++) {
          const file = trayIconFile(state, platform, frame);
          expect(existsSync(join(trayIconDir, file)), file).toBe(true);
          expect(existsSync(join(trayIconDir, file.replace('.png', '@2x.png'))), file).toBe(true);
        }
      }
    }
  });
});
