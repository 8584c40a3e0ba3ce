/**
 * The tray icon's one-glance summary of every instance, and the image file for it. Busy wins
 * (something is changing), then error (something needs a look), then running, then idle.
 */
import type { InstanceInfo } from '../../src-shared/api';
import { isActive, isTransitional } from '../../src-shared/states';

/** The aggregate state the icon shows. */
export type TrayIconState = 'idle' | 'running' | 'busy' | 'error';

/** How many frames the busy animation has (dist/icons/tray/tray-busy-<n>.png). */
export const BUSY_FRAME_COUNT = 4;

/** The time each busy frame is shown, in milliseconds. */
export const BUSY_FRAME_MS = 250;

/** What the aggregate is computed from. */
export interface IconFacts {
  instances: readonly Pick<InstanceInfo, 'state' | 'deleted' | 'lastError'>[];
  runningOperations: number;
  /** True after an operation failed, until the user opens the window. */
  unseenFailure: boolean;
}

/** The aggregate state. */
export function trayIconState(facts: IconFacts): TrayIconState {
  const live = facts.instances.filter((i) => !i.deleted);
  if (facts.runningOperations > 0 || live.some((i) => isTransitional(i.state))) return 'busy';
  if (facts.unseenFailure || live.some((i) => i.state === 'unknown')) return 'error';
  if (live.some((i) => isActive(i.state))) return 'running';
  return 'idle';
}

/**
 * The image's file name without scale suffix. macOS wants monochrome template images (the
 * system tints them for light and dark menu bars); Electron finds the `@2x` file beside it.
 */
export function trayIconFile(state: TrayIconState, platform: NodeJS.Platform, frame = 0): string {
  const base = state === 'busy' ? `tray-busy-${frame % BUSY_FRAME_COUNT}` : `tray-${state}`;
  return platform === 'darwin' ? `${base}Template.png` : `${base}.png`;
}

/** The tray's hover text. */
export function trayToolTip(state: TrayIconState, statusLine: string): string {
  const lead = {
    idle: 'Berth',
    running: 'Berth',
    busy: 'Berth (working)',
    error: 'Berth (problem)',
  };
  return `${lead[state]} — ${statusLine}`;
}
