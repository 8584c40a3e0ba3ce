/**
 * Switching driver from the tray, through the same steps as the window: ask the core what the
 * switch would do, show that, and only switch when the user confirms.
 */
import { dialog } from 'electron';
import { DRIVER_LABELS, type DriverId } from '../../src-shared/drivers';
import type { ShellSession } from './shell-session';

/** Previews, confirms and switches; resolves false when nothing changed. */
export async function switchDriverWithConfirm(
  session: ShellSession,
  driver: DriverId,
): Promise<boolean> {
  if (session.facts().driver === driver) return false;
  const preview = await session.call('drivers.preview', { driver });

  const result = await dialog.showMessageBox({
    type: 'question',
    title: 'Switch driver',
    message: `Switch from ${DRIVER_LABELS[preview.from]} to ${DRIVER_LABELS[preview.to]}?`,
    detail: preview.summary,
    buttons: [`Switch to ${DRIVER_LABELS[preview.to]}`, 'Cancel'],
    defaultId: 0,
    cancelId: 1,
  });
  if (result.response !== 0) return false;
  await session.call('settings.set', { key: 'local.driver', value: driver });
  return true;
}
