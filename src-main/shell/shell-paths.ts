/**
 * Where the shell's files are, relative to its bundle (dist/shell/main.mjs): the preload
 * beside it, the renderer and the icons in dist/. The same layout holds inside the packaged
 * app, whose files are the project's dist/ and package.json.
 */
import { dirname, join } from 'node:path';

/** The files the shell loads. */
export interface ShellPaths {
  /** The bundled preload (dist/shell/preload.cjs). */
  preload: string;
  /** The built renderer (dist/renderer), unless BERTH_RENDERER_DIR names another. */
  rendererDir: string;
  /** The tray images (dist/icons/tray), made by scripts/icons.mjs. */
  trayIconDir: string;
  /** The window icon for Linux and Windows. */
  windowIcon: string;
}

/** The paths for a bundle in `bundleDir`. */
export function shellPaths(bundleDir: string, env: NodeJS.ProcessEnv): ShellPaths {
  const dist = dirname(bundleDir);
  return {
    preload: join(bundleDir, 'preload.cjs'),
    rendererDir: env.BERTH_RENDERER_DIR || join(dist, 'renderer'),
    trayIconDir: join(dist, 'icons', 'tray'),
    windowIcon: join(dist, 'icons', 'png', '512x512.png'),
  };
}
