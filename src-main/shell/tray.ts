/**
 * The tray icon and its menu. It renders the model (tray-menu-model.ts) and the aggregate
 * icon (tray-icon-state.ts) and redraws both whenever the session's facts change; a busy
 * state animates through its frames. A setting can hide the icon.
 */
import { join } from 'node:path';
import { Menu, nativeImage, Tray } from 'electron';
import { type ShellFacts, TRAY_ICON_SETTING, trayFacts } from './shell-facts';
import type { ShellSession } from './shell-session';
import {
  BUSY_FRAME_COUNT,
  BUSY_FRAME_MS,
  type TrayIconState,
  trayIconFile,
  trayIconState,
  trayToolTip,
} from './tray-icon-state';
import { buildTrayMenu, statusLine, type TrayMenuItem } from './tray-menu-model';
import { type TrayActionHandler, trayMenuTemplate } from './tray-menu-render';

/** The live tray. */
export interface BerthTray {
  /** The model last rendered, for the e2e suite (clicks go through the same handler). */
  model(): TrayMenuItem[];
  /** True while the icon is shown (the setting may hide it). */
  visible(): boolean;
  destroy(): void;
}

/** Shows the tray (unless the setting hides it) and keeps it current. */
export function startTray(
  session: ShellSession,
  iconDir: string,
  onAction: TrayActionHandler,
): BerthTray {
  let tray: Tray | null = null;
  let model: TrayMenuItem[] = [];
  let animation: ReturnType<typeof setInterval> | null = null;
  let frame = 0;

  const image = (state: TrayIconState) =>
    nativeImage.createFromPath(join(iconDir, trayIconFile(state, process.platform, frame)));

  const animate = (state: TrayIconState): void => {
    if (state === 'busy' && !animation) {
      animation = setInterval(() => {
        frame = (frame + 1) % BUSY_FRAME_COUNT;
        tray?.setImage(image('busy'));
      }, BUSY_FRAME_MS);
    } else if (state !== 'busy' && animation) {
      clearInterval(animation);
      animation = null;
      frame = 0;
    }
  };

  const render = (facts: ShellFacts): void => {
    model = buildTrayMenu(trayFacts(facts));
    if (facts.settings[TRAY_ICON_SETTING] === 'hide') {
      animate('idle');
      tray?.destroy();
      tray = null;
      return;
    }
    const state = iconStateOf(facts);
    tray ??= new Tray(image(state));
    tray.setImage(image(state));
    tray.setToolTip(trayToolTip(state, statusLine(trayFacts(facts))));
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(model, onAction)));
    animate(state);
  };

  render(session.facts());
  const stop = session.onChange((facts) => render(facts));
  return {
    model: () => model,
    visible: () => tray !== null,
    destroy() {
      stop();
      animate('idle');
      tray?.destroy();
      tray = null;
    },
  };
}

function iconStateOf(facts: ShellFacts): TrayIconState {
  return trayIconState({
    instances: facts.instances,
    runningOperations: facts.operations.length,
    unseenFailure: facts.unseenFailure,
  });
}
