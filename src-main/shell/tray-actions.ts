/**
 * What each tray item does once clicked: instance actions go to the core like the window's
 * buttons, the rest open the window, switch driver or quit. Failures are logged and shown
 * through `report`, never thrown: a menu click has nobody to catch them.
 */

import type { ShellPage } from '../../src-shared/preload-api';
import type { Logger } from '../core/logger';
import type { ShellSession } from './shell-session';
import { findTrayItem, type TrayAction, type TrayMenuItem } from './tray-menu-model';
import type { TrayActionHandler } from './tray-menu-render';

/** What the handler needs from the rest of the shell. */
export interface TrayActionDeps {
  session: Pick<ShellSession, 'call'>;
  showWindow(page: ShellPage): Promise<void>;
  openShell(name: string): Promise<void>;
  /** Switches to a target: a driver id, or "lxd@<remote>". */
  switchDriver(driver: string): Promise<unknown>;
  quit(): void;
  /** Tells the user an action failed (a native notification in the shell). */
  report(title: string, message: string): void;
  log: Logger;
}

/** The handler the tray's items call. */
export function trayActionHandler(deps: TrayActionDeps): TrayActionHandler {
  return async (action) => {
    try {
      await run(action, deps);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log.warn('tray action failed', { action, message });
      deps.report(failureTitle(action), message);
    }
  };
}

/** The core method behind each instance action of the tray. */
const INSTANCE_METHODS = {
  start: 'instances.start',
  stop: 'instances.stop',
  suspend: 'instances.suspend',
} as const;

async function run(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  switch (action.kind) {
    case 'instance':
      await deps.session.call(INSTANCE_METHODS[action.action], { name: action.name });
      return;
    case 'shell':
      await deps.openShell(action.name);
      return;
    case 'switch-driver':
      await deps.switchDriver(action.driver);
      return;
    case 'open':
      await deps.showWindow('instances');
      return;
    case 'settings':
      await deps.showWindow('settings');
      return;
    case 'quit':
      deps.quit();
  }
}

function failureTitle(action: TrayAction): string {
  if (action.kind === 'instance') return `Could not ${action.action} ${action.name}`;
  if (action.kind === 'shell') return `Could not open a shell in ${action.name}`;
  if (action.kind === 'switch-driver') return `Could not switch to ${action.driver}`;
  return 'Berth could not do that';
}

/**
 * Clicks the entry `id` of `menu` the way a user would: only an enabled entry with an action
 * does anything. Resolves with why nothing happened, or null once the action has run.
 */
export async function clickTrayItem(
  menu: readonly TrayMenuItem[],
  id: string,
  handler: TrayActionHandler,
): Promise<string | null> {
  const entry = findTrayItem(menu, id);
  if (!entry) return `no tray entry "${id}"`;
  if (!entry.enabled) return `"${entry.label}" is disabled: ${entry.toolTip ?? 'no reason given'}`;
  if (!entry.action) return `"${entry.label}" does nothing when clicked`;
  await handler(entry.action);
  return null;
}
