/**
 * Opens the core on a data directory: takes the owner lock, loads settings and the active
 * scope, re-attaches to VMs that kept running, and returns the dispatcher transports serve.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DriverId } from '../../src-shared/drivers';
import type { Driver } from '../drivers/driver';
import { ensureSshKeyPair } from '../ssh/keys';
import { createDispatcher, type Dispatcher } from '../transports/dispatcher';
import { BerthCore, type CoreParts } from './berth-core';
import { layout, logDir } from './data-dir';
import { DriverRegistry } from './driver-registry';
import { EventBus } from './event-bus';
import { waitUntilReady } from './guest-ready';
import { buildHandlers } from './handlers';
import { detectHost } from './host-facts';
import { createLogger, fileSink, type Logger, type LogLevel, logLevelFromEnv } from './logger';
import { OperationRegistry } from './operations';
import { acquireOwnerLock } from './persist/owner-lock';
import { registerRemotes } from './remote-ops';
import { RemoteStore } from './remote-store';
import type { HostFacts } from './settings-keys';
import { SettingsStore } from './settings-store';

/** How to open the core. */
export interface CoreOptions {
  dataDir: string;
  logLevel?: LogLevel;
  /** Replaces drivers (tests use fakes at unit level). */
  drivers?: Partial<Record<DriverId, Driver>>;
  /** Pretends to be another computer (tests of defaults). */
  host?: HostFacts;
  /** Where log lines go; defaults to `<data>/logs/berth.log`. */
  logger?: Logger;
  /** Replaces the SSH readiness wait (unit tests with fake drivers have no guest). */
  waitReady?: CoreParts['waitReady'];
}

/** An open core owning one data directory. */
export interface Core {
  dispatcher: Dispatcher;
  /** Detaches from running VMs (they keep running), flushes, releases the lock. */
  close(): Promise<void>;
}

/** An open core with its internals reachable, for the shell and tests. */
export interface OpenedCore extends Core {
  core: BerthCore;
}

/** Opens the core. Throws BerthError('BUSY') when another live process owns `dataDir`. */
export async function openCore(options: CoreOptions): Promise<OpenedCore> {
  const { dataDir } = options;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const level = options.logLevel ?? logLevelFromEnv();
  const log =
    options.logger ?? createLogger(fileSink(join(logDir(dataDir), 'berth.log')), level, 'berth');
  const lock = await acquireOwnerLock(layout.lockFile(dataDir), log);
  try {
    const host = options.host ?? detectHost();
    const settings = new SettingsStore(layout.settingsFile(dataDir), host, log.child('settings'));
    await settings.load();
    const identity = await ensureSshKeyPair(layout.sshKeyFile(dataDir));
    const bus = new EventBus();
    const registry = new DriverRegistry(host, options.drivers, (key) => settings.get(key));
    const remotes = new RemoteStore(layout.remotesDir(dataDir), log.child('remotes'));
    await remotes.load();
    await registerRemotes(remotes, registry, log);
    const core = new BerthCore({
      dataDir,
      bus,
      ops: new OperationRegistry(bus),
      settings,
      registry,
      remotes,
      identity,
      log,
      waitReady: options.waitReady ?? waitUntilReady,
    });
    await core.load();
    if (remotes.problem) {
      const file = join(layout.remotesDir(dataDir), 'remotes.json');
      bus.emit('scope.problem', { scope: 'remotes', file, message: remotes.problem });
    }
    log.info('core opened', { pid: process.pid, driver: core.activeDriver() });
    const dispatcher = createDispatcher(buildHandlers(core), (l) => bus.subscribe(l));
    const close = async () => {
      await core.close();
      await lock.release();
      log.info('core closed');
    };
    return { dispatcher, core, close };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
