import { describe, expect, it } from 'vitest';
import { BerthError } from '../../src-shared/errors';
import type { ShellPage } from '../../src-shared/preload-api';
import { createLogger, memorySink } from '../core/logger';
import { createInProcessClient } from '../transports/in-process-client';
import { createFakeCore, fakeInstance } from '../transports/testing/fake-core';
import { clickTrayItem, type TrayActionDeps, trayActionHandler } from './tray-actions';
import { buildTrayMenu } from './tray-menu-model';

const SSH = { host: '127.0.0.1', port: 2222, user: 'u' };

/** The handler's collaborators over a fake core holding one running instance, `web`. */
function deps(stopFailure: Error | null = null) {
  const core = createFakeCore(
    stopFailure
      ? {
          'instances.stop': async () => {
            throw stopFailure;
          },
        }
      : {},
  );
  core.instances.set('web', fakeInstance('web', { state: 'running', ssh: SSH }));
  const record = {
    core,
    shown: [] as ShellPage[],
    reports: [] as string[],
    shells: [] as string[],
    quits: 0,
  };
  const value: TrayActionDeps = {
    session: createInProcessClient(core.dispatcher),
    showWindow: async (page) => {
      record.shown.push(page);
    },
    openShell: async (name) => {
      record.shells.push(name);
    },
    switchDriver: async () => false,
    quit: () => {
      record.quits++;
    },
    report: (title, message) => record.reports.push(`${title}: ${message}`),
    log: createLogger(memorySink()),
  };
  return { record, value };
}

const menu = buildTrayMenu({
  driver: 'qemu',
  target: 'qemu',
  drivers: [],
  instances: [fakeInstance('web', { state: 'running', ssh: SSH })],
  operations: [],
  primaryName: 'web',
});

describe('clicking tray entries', () => {
  it('stops an instance through the core, like the window’s button', async () => {
    const { record, value } = deps();
    expect(await clickTrayItem(menu, 'instance:web:stop', trayActionHandler(value))).toBeNull();
    const stop = { method: 'instances.stop', params: { name: 'web' } };
    expect(record.core.dispatched).toEqual([stop]);
    expect(record.core.instances.get('web')?.state).toBe('stopped');
  });

  it('does nothing for a disabled entry and says why', async () => {
    const { record, value } = deps();
    const why = await clickTrayItem(menu, 'instance:web:start', trayActionHandler(value));
    expect(why).toBe('"Start" is disabled: The instance is already running');
    expect(record.core.dispatched).toEqual([]);
  });

  it('opens a shell, the window, its settings page, or quits', async () => {
    const { record, value } = deps();
    const handler = trayActionHandler(value);
    await clickTrayItem(menu, 'primary:web:shell', handler);
    await clickTrayItem(menu, 'open', handler);
    await clickTrayItem(menu, 'settings', handler);
    await clickTrayItem(menu, 'quit', handler);
    expect(record.shells).toEqual(['web']);
    expect(record.shown).toEqual(['instances', 'settings']);
    expect(record.quits).toBe(1);
  });

  it('reports a failed action instead of throwing from the menu', async () => {
    const { record, value } = deps(new BerthError('TIMEOUT', 'web did not stop in 60 s'));
    await clickTrayItem(menu, 'instance:web:stop', trayActionHandler(value));
    expect(record.reports).toEqual(['Could not stop web: web did not stop in 60 s']);
  });

  it('says so for an id the menu does not have', async () => {
    const { value } = deps();
    expect(await clickTrayItem(menu, 'nope', trayActionHandler(value))).toBe(
      'no tray entry "nope"',
    );
  });
});
