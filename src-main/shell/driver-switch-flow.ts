/**
 * Switching driver from the tray, through the same steps as the window: ask the core what the
 * switch would do, show that, and only switch when the user confirms.
 */
import { dialog } from 'electron';
import { targetLabel } from '../../src-shared/targets';
import type { ShellSession } from './shell-session';

/** Previews, confirms and switches; resolves false when nothing changed. */
export async function switchDriverWithConfirm(
  session: ShellSession,
  /** The target to select: a driver id, or "lxd@<remote>". */
  driver: string,
): Promise<boolean> {
  if (session.facts().driver === driver) return false;
  const preview = await session.call('drivers.preview', { driver });

  const result = await dialog.showMessageBox({
    type: 'question',
    title: 'Switch driver',
    message: `Switch from ${targetLabel(preview.from)} to ${targetLabel(preview.to)}?`,
    detail: preview.summary,
    buttons: [`Switch to ${targetLabel(preview.to)}`, 'Cancel'],
    defaultId: 0,
    cancelId: 1,
  });
  if (result.response !== 0) return false;
  await session.call('settings.set', { key: 'local.driver', value: driver });
  return true;
}
