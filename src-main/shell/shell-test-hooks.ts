/**
 * What the Playwright `_electron` suite reaches in the main process. Installed on globalThis
 * only when BERTH_SHELL_TEST_HOOKS=1, so a normal run exposes nothing extra (and the page
 * cannot reach the main process's globals in any case).
 */
import type { TrayMenuItem } from './tray-menu-model';

/** The environment variable that turns the hooks on. */
export const TEST_HOOKS_ENV = 'BERTH_SHELL_TEST_HOOKS';

/** The hooks, at `globalThis.berthShell`. */
export interface ShellTestHooks {
  /** The tray menu model as last rendered. */
  trayModel(): TrayMenuItem[];
  /** Clicks a tray entry by id; resolves with why nothing happened, or null. */
  clickTray(id: string): Promise<string | null>;
  /** Whether the window is on screen. */
  windowVisible(): boolean;
}

/** Installs `hooks` when the environment asks for them. */
export function installTestHooks(env: NodeJS.ProcessEnv, hooks: ShellTestHooks): void {
  if (env[TEST_HOOKS_ENV] !== '1') return;
  Object.assign(globalThis, { berthShell: hooks });
}
