/** Maps every contract method to the core. */
import { BerthError } from '../../src-shared/errors';
import type { ApiHandlers } from '../transports/dispatcher';
import type { BerthCore } from './berth-core';
import { deviceHandlers } from './handlers-devices';
import { guestHandlers } from './handlers-guest';
import { remoteHandlers } from './handlers-remotes';

/** The package version reported by `system.ping`. */
export const BERTH_VERSION = '0.1.0';

const OK = { ok: true } as const;

/** Builds the handler table the dispatcher validates around. */
export function buildHandlers(core: BerthCore): ApiHandlers {
  const { instances } = core;
  const { settings, bus, ops } = core.parts;
  return {
    ...guestHandlers(core),
    ...deviceHandlers(core),
    ...remoteHandlers(core),
    'system.ping': async () => ({ pid: process.pid, version: BERTH_VERSION }),
    'instances.list': async (p) => ({
      driver: core.activeDriver(),
      target: core.activeTarget(),
      scope: core.runtime().scope,
      instances: instances.list(p.includeDeleted ?? false),
    }),
    'instances.info': async (p) => instances.info(p.name),
    'instances.suggestName': async () => ({ name: instances.suggestName() }),
    'instances.launch': (p) => instances.launch(p),
    'instances.start': (p) => instances.start(p),
    'instances.stop': (p) => instances.stop(p),
    'instances.suspend': (p) => instances.suspend(p),
    'instances.restart': (p) => instances.restart(p),
    'instances.delete': async (p) => {
      await instances.delete(p.name, p.purge ?? false);
      return OK;
    },
    'instances.recover': (p) => instances.recover(p.name),
    'instances.purge': async (p) => ({ purged: await instances.purge(p.name) }),
    'instances.console': (p) => instances.console(p.name, p.maxBytes ?? 65_536),
    'snapshots.take': (p) => instances.takeSnapshot(p),
    'snapshots.list': async (p) => instances.listSnapshots(p.instance),
    'snapshots.restore': async (p) => {
      await instances.restoreSnapshot(p.instance, p.snapshot);
      return OK;
    },
    'snapshots.delete': async (p) => {
      await instances.deleteSnapshot(p.instance, p.snapshot);
      return OK;
    },
    'settings.list': async () => settings.list(),
    'settings.get': async (p) => ({ key: p.key, value: settings.get(p.key) }),
    'settings.set': async (p) => {
      const value =
        p.key === 'local.driver'
          ? await core.switchDriver(p.value)
          : await settings.set(p.key, p.value);
      const setting = { key: p.key, value };
      bus.emit('settings.changed', setting);
      return setting;
    },
    'drivers.list': (p) => core.drivers(p.fresh ?? false),
    'drivers.preview': (p) => core.preview(p.driver),
    'operations.list': async () => ops.list(),
    'operations.cancel': async (p) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(p.operationId)) {
        throw new BerthError('INVALID_INPUT', 'operationId has invalid characters');
      }
      return { cancelled: ops.cancel(p.operationId) };
    },
  };
}
