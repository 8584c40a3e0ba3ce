/**
 * Turns the tray menu model into Electron's menu template. Only types come from Electron, so
 * the mapping is tested in Node; tray.ts hands the template to Menu.buildFromTemplate.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayMenuItem } from './tray-menu-model';

/** Runs a clicked item's action; resolves when it has been carried out. */
export type TrayActionHandler = (action: TrayAction) => Promise<void>;

/** The template for `menu`, every click routed to `onAction`. */
export function trayMenuTemplate(
  menu: readonly TrayMenuItem[],
  onAction: TrayActionHandler,
): MenuItemConstructorOptions[] {
  return menu.map((entry) => templateItem(entry, onAction));
}

function templateItem(
  entry: TrayMenuItem,
  onAction: TrayActionHandler,
): MenuItemConstructorOptions {
  if (entry.type === 'separator') return { id: entry.id, type: 'separator' };
  const base: MenuItemConstructorOptions = {
    id: entry.id,
    type: entry.type,
    label: entry.label,
    enabled: entry.enabled,
  };
  if (entry.checked !== undefined) base.checked = entry.checked;
  // macOS shows a tooltip on menu items; elsewhere the label already carries what matters.
  if (entry.toolTip) base.toolTip = entry.toolTip;
  if (entry.submenu) base.submenu = trayMenuTemplate(entry.submenu, onAction);
  const { action } = entry;
  if (action) base.click = () => void onAction(action);
  return base;
}
