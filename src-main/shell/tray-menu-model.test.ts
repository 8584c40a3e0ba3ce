import { describe, expect, it } from 'vitest';
import type { InstanceInfo } from '../../src-shared/api';
import { DRIVER_IDS, type DriverId } from '../../src-shared/drivers';
import { actionBlockReason } from '../../src-shared/predicates';
import { INSTANCE_STATES } from '../../src-shared/states';
import { fakeDriver, fakeInstance } from '../transports/testing/fake-core';
import {
  buildTrayMenu,
  findTrayItem,
  statusLine,
  TRAY_INSTANCE_LIMIT,
  type TrayFacts,
  type TrayMenuItem,
} from './tray-menu-model';

const SSH = { host: '127.0.0.1', port: 2222, user: 'ubuntu' };

function facts(extra: Partial<TrayFacts> = {}): TrayFacts {
  return {
    driver: 'qemu',
    target: extra.target ?? extra.driver ?? 'qemu',
    drivers: [
      fakeDriver(),
      fakeDriver({
        id: 'lxd',
        target: 'lxd',
        label: 'LXD',
        scope: 'lxd',
        isActive: false,
        isDefault: false,
      }),
    ],
    instances: [],
    operations: [],
    primaryName: 'primary',
    ...extra,
  };
}

function entry(menu: TrayMenuItem[], id: string): TrayMenuItem {
  const found = findTrayItem(menu, id);
  if (!found) throw new Error(`no entry ${id} in ${menu.map((m) => m.id).join(', ')}`);
  return found;
}

const running = (name: string, extra: Partial<InstanceInfo> = {}) =>
  fakeInstance(name, { state: 'running', ssh: SSH, ...extra });

describe('the tray menu with no instances', () => {
  const menu = buildTrayMenu(facts());

  it('says which driver is active and that there are no instances', () => {
    expect(entry(menu, 'status')).toMatchObject({ label: 'QEMU · no instances', enabled: false });
  });

  it('says the primary instance is missing, disabled, with what to do', () => {
    expect(entry(menu, 'primary:missing')).toMatchObject({
      label: 'Primary “primary” not found',
      enabled: false,
      toolTip: 'No instance is named “primary”; launch one from the Berth window',
    });
    expect(findTrayItem(menu, 'primary:primary:start')).toBeNull();
  });

  it('still offers the driver choice, Open Berth, Settings and Quit, in that order', () => {
    const ids = menu.filter((m) => m.type !== 'separator').map((m) => m.id);
    expect(ids).toEqual(['status', 'primary:missing', 'driver', 'open', 'settings', 'quit']);
    expect(entry(menu, 'open').action).toEqual({ kind: 'open' });
    expect(entry(menu, 'settings').action).toEqual({ kind: 'settings' });
    expect(entry(menu, 'quit').action).toEqual({ kind: 'quit' });
  });

  it('leaves the primary section out when the primary name setting is empty', () => {
    const none = buildTrayMenu(facts({ primaryName: '' }));
    expect(none.some((m) => m.id.startsWith('primary'))).toBe(false);
  });
});

describe('the primary instance section', () => {
  it('offers Start only when the primary is stopped', () => {
    const menu = buildTrayMenu(facts({ instances: [fakeInstance('primary')] }));
    expect(entry(menu, 'primary:primary:start')).toMatchObject({
      label: 'Start primary',
      enabled: true,
      action: { kind: 'instance', action: 'start', name: 'primary' },
    });
    expect(entry(menu, 'primary:primary:stop')).toMatchObject({
      enabled: false,
      toolTip: 'The instance is already stopped',
    });
    expect(entry(menu, 'primary:primary:shell')).toMatchObject({
      enabled: false,
      toolTip: 'Start the instance to open a shell',
    });
  });

  it('offers Open shell and Stop when the primary runs with an SSH address', () => {
    const menu = buildTrayMenu(facts({ instances: [running('primary')] }));
    expect(entry(menu, 'primary:primary:start').enabled).toBe(false);
    expect(entry(menu, 'primary:primary:shell')).toMatchObject({
      label: 'Open shell in primary',
      enabled: true,
      action: { kind: 'shell', name: 'primary' },
    });
    expect(entry(menu, 'primary:primary:stop').enabled).toBe(true);
  });

  it('keeps Open shell disabled while a running primary has no SSH address yet', () => {
    const menu = buildTrayMenu(facts({ instances: [running('primary', { ssh: null })] }));
    expect(entry(menu, 'primary:primary:shell')).toMatchObject({
      enabled: false,
      toolTip: 'The instance has no SSH address yet',
    });
  });

  it('offers Open shell on LXD without an SSH address: its exec API needs none', () => {
    const lxd = running('primary', { ssh: null });
    const menu = buildTrayMenu(facts({ driver: 'lxd', instances: [lxd] }));
    expect(entry(menu, 'primary:primary:shell')).toMatchObject({ enabled: true });
  });

  it('follows the primary name setting', () => {
    const menu = buildTrayMenu(facts({ primaryName: 'dev', instances: [running('dev')] }));
    expect(entry(menu, 'primary:dev:stop').label).toBe('Stop dev');
  });

  it('treats a deleted primary as missing', () => {
    const deleted = fakeInstance('primary', { deleted: true });
    const menu = buildTrayMenu(facts({ instances: [deleted] }));
    expect(findTrayItem(menu, 'primary:missing')).not.toBeNull();
    expect(findTrayItem(menu, 'instance:primary')).toBeNull();
  });
});

describe('one submenu per instance', () => {
  it('is titled with the instance and its state, sorted by name, deleted ones left out', () => {
    const gone = fakeInstance('gone', { deleted: true });
    const instances = [running('web'), fakeInstance('db'), gone];
    const menu = buildTrayMenu(facts({ instances }));
    const titles = menu.filter((m) => m.id.startsWith('instance:')).map((m) => m.label);
    expect(titles).toEqual(['db — Stopped', 'web — Running']);
    expect(entry(menu, 'status').label).toBe('QEMU · 1 of 2 running');
  });

  it('holds Start, Stop, Suspend and Open shell', () => {
    const menu = buildTrayMenu(facts({ instances: [running('web')] }));
    expect(entry(menu, 'instance:web').submenu?.map((m) => m.label)).toEqual([
      'Start',
      'Stop',
      'Suspend',
      'Open shell',
    ]);
  });

  it('enables Suspend on a running instance of a driver that can suspend', () => {
    const menu = buildTrayMenu(facts({ instances: [running('web')] }));
    expect(entry(menu, 'instance:web:suspend')).toMatchObject({
      label: 'Suspend',
      enabled: true,
      action: { kind: 'instance', action: 'suspend', name: 'web' },
    });
  });

  it('disables Suspend on LXD, the reason in its label: Linux trays show no tooltips', () => {
    const lxd = running('web', { scope: 'lxd' });
    const menu = buildTrayMenu(facts({ driver: 'lxd', instances: [lxd] }));
    expect(entry(menu, 'instance:web:suspend')).toMatchObject({
      label: 'Suspend (not supported by the LXD driver)',
      enabled: false,
      toolTip: 'Suspend is not supported by the LXD driver',
    });
    expect(entry(menu, 'instance:web:stop').enabled).toBe(true);
  });

  it('enables each action exactly when the shared predicates allow, for every state', () => {
    const drivers: DriverId[] = ['qemu', 'lxd', 'libvirt'];
    for (const driver of drivers) {
      for (const state of INSTANCE_STATES) {
        const instance = fakeInstance('vm', { state, ssh: SSH });
        const menu = buildTrayMenu(facts({ driver, instances: [instance] }));
        for (const action of ['start', 'stop', 'suspend'] as const) {
          const allowed = actionBlockReason(action, instance, driver) === null;
          const item = entry(menu, `instance:vm:${action}`);
          expect(item.enabled, `${driver} ${state} ${action}`).toBe(allowed);
          if (!allowed) expect(item.toolTip).toBe(actionBlockReason(action, instance, driver));
        }
        expect(entry(menu, 'instance:vm:shell').enabled).toBe(state === 'running');
      }
    }
  });

  it('lists the first twenty and points to the window for the rest', () => {
    const many = Array.from({ length: TRAY_INSTANCE_LIMIT + 3 }, (_, i) =>
      fakeInstance(`vm-${String(i).padStart(2, '0')}`),
    );
    const menu = buildTrayMenu(facts({ instances: many }));
    expect(menu.filter((m) => m.type === 'submenu' && m.id.startsWith('instance:'))).toHaveLength(
      TRAY_INSTANCE_LIMIT,
    );
    expect(entry(menu, 'instances:more')).toMatchObject({
      label: '3 more in the Berth window',
      enabled: false,
    });
  });
});

describe('while an operation runs', () => {
  const busy = facts({
    instances: [running('web'), fakeInstance('db')],
    operations: [{ operationId: 'op-1', instance: 'web', kind: 'restart' }],
  });
  const menu = buildTrayMenu(busy);

  it('shows the operation in the instance’s title and the count in the status line', () => {
    expect(entry(menu, 'instance:web').label).toBe('web — Restart…');
    expect(entry(menu, 'status').label).toBe('QEMU · 1 of 2 running · 1 operation running');
  });

  it('disables every action on the busy instance, saying what to wait for', () => {
    for (const action of ['start', 'stop', 'suspend', 'shell']) {
      expect(entry(menu, `instance:web:${action}`)).toMatchObject({
        enabled: false,
        toolTip: 'Wait until “restart” on web has finished',
      });
    }
  });

  it('leaves the other instances’ actions alone', () => {
    expect(entry(menu, 'instance:db:start').enabled).toBe(true);
  });

  it('counts several operations in the plural', () => {
    const two = facts({
      operations: [
        { operationId: 'a', instance: 'x', kind: 'start' },
        { operationId: 'b', instance: 'y', kind: 'stop' },
      ],
    });
    expect(statusLine(two)).toBe('QEMU · no instances · 2 operations running');
  });
});

describe('the Driver submenu', () => {
  it('holds one radio per driver, the active one checked', () => {
    const menu = buildTrayMenu(facts());
    expect(entry(menu, 'driver').label).toBe('Driver: QEMU');
    expect(entry(menu, 'driver:qemu')).toMatchObject({ type: 'radio', checked: true });
    expect(entry(menu, 'driver:lxd')).toMatchObject({
      type: 'radio',
      checked: false,
      enabled: true,
      action: { kind: 'switch-driver', driver: 'lxd' },
    });
  });

  it('disables an unavailable driver with the reason in its label and the fix as tooltip', () => {
    const drivers = [
      fakeDriver(),
      fakeDriver({
        id: 'libvirt',
        target: 'libvirt',
        label: 'libvirt',
        available: false,
        reason: 'libvirtd is not running',
        fix: 'sudo systemctl start libvirtd',
      }),
    ];
    const menu = buildTrayMenu(facts({ drivers }));
    expect(entry(menu, 'driver:libvirt')).toMatchObject({
      label: 'libvirt — libvirtd is not running',
      enabled: false,
      toolTip: 'sudo systemctl start libvirtd',
    });
  });

  it('lists drivers in the order drivers.list gives', () => {
    const drivers = DRIVER_IDS.map((id) => fakeDriver({ id, target: id, label: id }));
    const menu = buildTrayMenu(facts({ drivers }));
    expect(entry(menu, 'driver').submenu?.map((m) => m.id)).toEqual(
      DRIVER_IDS.map((id) => `driver:${id}`),
    );
  });
});

describe('the Driver submenu with a remote server', () => {
  it('offers the remote as its own target, checked while it is active', () => {
    const remote = fakeDriver({
      id: 'lxd',
      target: 'lxd@lab',
      label: 'LXD @ lab',
      scope: 'lxd@lab',
      remote: { name: 'lab', url: 'https://10.0.0.5:8443' },
      isActive: true,
    });
    const menu = buildTrayMenu(facts({ driver: 'lxd', target: 'lxd@lab', drivers: [remote] }));
    expect(entry(menu, 'driver')).toMatchObject({ label: 'Driver: LXD @ lab' });
    expect(entry(menu, 'driver:lxd@lab')).toMatchObject({
      checked: true,
      action: { kind: 'switch-driver', driver: 'lxd@lab' },
    });
  });
});
