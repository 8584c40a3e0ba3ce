import { describe, expect, it } from 'vitest';
import { fakeInstance } from '../transports/testing/fake-core';
import { buildTrayMenu, type TrayAction } from './tray-menu-model';
import { trayMenuTemplate } from './tray-menu-render';

describe('the tray menu as Electron’s template', () => {
  const model = buildTrayMenu({
    driver: 'lxd',
    target: 'lxd',
    drivers: [],
    instances: [fakeInstance('web', { state: 'running', scope: 'lxd' })],
    operations: [],
    primaryName: '',
  });

  it('keeps ids, labels, enablement and submenus', () => {
    const template = trayMenuTemplate(model, async () => undefined);
    const web = template.find((t) => t.id === 'instance:web');
    expect(web?.label).toBe('web — Running');
    const submenu = web?.submenu as { id?: string; enabled?: boolean; label?: string }[];
    expect(submenu.map((s) => [s.id, s.enabled])).toEqual([
      ['instance:web:start', false],
      ['instance:web:stop', true],
      ['instance:web:suspend', false],
      // LXD opens shells through its exec API, SSH address or not.
      ['instance:web:shell', true],
    ]);
    expect(submenu[2]?.label).toBe('Suspend (not supported by the LXD driver)');
  });

  it('routes a click to the entry’s action', () => {
    const clicked: TrayAction[] = [];
    const template = trayMenuTemplate(model, async (action) => {
      clicked.push(action);
    });
    const web = template.find((t) => t.id === 'instance:web');
    const submenu = (web?.submenu ?? []) as { id?: string; click?: () => void }[];
    const stop = submenu.find((s) => s.id === 'instance:web:stop');
    stop?.click?.();
    expect(clicked).toEqual([{ kind: 'instance', action: 'stop', name: 'web' }]);
  });

  it('gives separators and the status line no click', () => {
    const template = trayMenuTemplate(model, async () => undefined);
    expect(template.find((t) => t.id === 'status')?.click).toBeUndefined();
    expect(template.find((t) => t.id === 'sep:status')).toEqual({
      id: 'sep:status',
      type: 'separator',
    });
  });
});
