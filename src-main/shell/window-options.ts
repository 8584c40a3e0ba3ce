/**
 * The main window's constructor options: the security flags, the preload, and the bounds from
 * the remembered state, pulled back onto a display when the screen layout has changed.
 * Types only from Electron, so this stays a plain, tested function.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import type { WindowState } from './window-state';

/** The smallest window the renderer's layout works in. */
export const MIN_WINDOW = { width: 720, height: 480 } as const;

/** The size of a first window. */
export const DEFAULT_WINDOW = { width: 1200, height: 780 } as const;

/**
 * How much of a remembered window must lie on a display to reuse its position; less than
 * this (a monitor was unplugged) and the window is centred instead.
 */
const MIN_VISIBLE_PX = 80;

/** What the options depend on. */
export interface WindowOptionsInput {
  /** The bundled preload's absolute path. */
  preloadPath: string;
  saved: WindowState | null;
  /** Each display's work area (screen minus task bars), the primary first. */
  workAreas: readonly Rectangle[];
  /** Painted before the page loads, so a dark theme does not flash white. */
  backgroundColor: string;
}

/**
 * The options. The window starts hidden and is shown on ready-to-show; the renderer gets no
 * Node, a sandboxed isolated preload, and web security on.
 */
export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...placeWindow(input.saved, input.workAreas),
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    show: false,
    title: 'Berth',
    backgroundColor: input.backgroundColor,
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

/** Size and position: the remembered ones when they still fit a display, else defaults. */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rectangle[],
): Pick<Rectangle, 'width' | 'height'> & Partial<Pick<Rectangle, 'x' | 'y'>> {
  const primary = workAreas[0];
  const wanted = saved ?? DEFAULT_WINDOW;
  const width = clampSize(wanted.width, MIN_WINDOW.width, primary?.width);
  const height = clampSize(wanted.height, MIN_WINDOW.height, primary?.height);
  if (!saved) return { width, height };

  const bounds = { x: saved.x, y: saved.y, width, height };
  const onScreen = workAreas.some((area) => visibleEnough(bounds, area));
  return onScreen ? bounds : { width, height };
}

function clampSize(wanted: number, min: number, max: number | undefined): number {
  const upper = max !== undefined ? Math.max(min, max) : Number.POSITIVE_INFINITY;
  return Math.min(Math.max(Math.round(wanted), min), upper);
}

/** Enough of the window is on `area`, and its title bar is too, so it can be dragged. */
function visibleEnough(bounds: Rectangle, area: Rectangle): boolean {
  const right = Math.min(bounds.x + bounds.width, area.x + area.width);
  const overlapX = right - Math.max(bounds.x, area.x);
  const titleBarOnArea = bounds.y >= area.y && bounds.y <= area.y + area.height - MIN_VISIBLE_PX;
  return overlapX >= MIN_VISIBLE_PX && titleBarOnArea;
}
