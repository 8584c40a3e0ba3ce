/**
 * The QEMU driver: one daemonized QEMU per running instance, controlled through its QMP
 * socket, with user-mode networking forwarding a loopback port to the guest's SSH.
 */
import { BerthError } from '../../../src-shared/errors';
import type { Driver, DriverContext, DriverProbe, ObservedState, SshEndpoint } from '../driver';
import { createInstance } from './create';
import { instanceFiles } from './instance-files';
import { launchInstance } from './launch';
import {
  discardSuspendState,
  killUnattached,
  powerDown,
  quitSession,
  suspendSession,
} from './power';
import { type ProbeOptions, probeQemu, type QemuProbeResult, type QemuTools } from './probe';
import { liveRuntime, SessionRegistry } from './registry';
import { readSuspendMarker } from './runtime';
import { qemuSnapshots } from './snapshots';

/** Where the QEMU driver finds its tools; defaults come from PATH and the host. */
export interface QemuDriverOptions {
  qemuBinary?: string;
  qemuImg?: string;
  firmwareDir?: string;
  forceAccel?: 'kvm' | 'tcg';
  /** Folder for monitor sockets whose natural path is too long (default: a per-user tmp dir). */
  runtimeRoot?: string;
}

/** Creates the QEMU driver. Nothing is probed until a method needs it. */
export function createQemuDriver(options: QemuDriverOptions = {}): Driver {
  const registry = new SessionRegistry();
  let probed: Promise<QemuProbeResult> | null = null;

  const probeOptions: ProbeOptions = {
    ...(options.qemuBinary ? { qemuBinary: options.qemuBinary } : {}),
    ...(options.qemuImg ? { qemuImg: options.qemuImg } : {}),
    ...(options.firmwareDir ? { firmwareDir: options.firmwareDir } : {}),
    ...(options.forceAccel ? { forceAccel: options.forceAccel } : {}),
  };
  const probe = async (): Promise<DriverProbe> => {
    probed = probeQemu(probeOptions);
    return (await probed).probe;
  };
  const tools = async (): Promise<QemuTools> => {
    probed ??= probeQemu(probeOptions);
    const result = await probed;
    if (result.tools) return result.tools;
    throw new BerthError('DRIVER_UNAVAILABLE', result.probe.reason ?? 'QEMU is unavailable');
  };

  /** Ends the instance's QEMU if one runs; true when there was one. */
  const endProcess = async (ctx: DriverContext): Promise<boolean> => {
    let session = registry.current(ctx);
    if (!session && (await liveRuntime(ctx))) {
      session = await registry.live(ctx).catch(() => null);
    }
    if (session) {
      await quitSession(session, instanceFiles(ctx.dir).pidFile);
      return true;
    }
    await killUnattached(ctx);
    return false;
  };

  const driver: Driver = {
    id: 'qemu',
    probe,

    async create(ctx, source, seedIso, progress, signal) {
      await createInstance(ctx, await tools(), source, seedIso, progress, signal);
    },

    async attach(ctx): Promise<ObservedState> {
      const session = await registry.live(ctx);
      if (session) return session.runState ?? 'running';
      return (await readSuspendMarker(ctx.dir)) ? 'suspended' : 'stopped';
    },

    async start(ctx, signal) {
      const running = await registry.live(ctx);
      if (running) {
        ctx.log.info('start asked for an instance already up', { instance: ctx.spec.name });
        if (running.runState === 'paused') await running.qmp.execute('cont');
        return;
      }
      const launchOptions = {
        tools: await tools(),
        onGone: registry.remove,
        ...(options.runtimeRoot ? { runtimeRoot: options.runtimeRoot } : {}),
      };
      registry.add(ctx, await launchInstance(ctx, launchOptions, signal));
    },

    async shutdown(ctx, timeoutMs, signal) {
      const session = await registry.live(ctx);
      if (!session) return true;
      ctx.log.info('asking the guest to power off', { instance: ctx.spec.name, timeoutMs });
      const exited = await powerDown(session, timeoutMs, signal);
      if (!exited) ctx.log.warn('guest did not power off in time', { instance: ctx.spec.name });
      return exited;
    },

    async kill(ctx) {
      const hadProcess = await endProcess(ctx);
      await discardSuspendState(ctx, await tools());
      ctx.log.info('instance killed', { instance: ctx.spec.name, hadProcess });
    },

    async suspend(ctx, signal) {
      const session = await registry.live(ctx);
      if (!session) throw new BerthError('INVALID_STATE', `${ctx.spec.name} is not running`);
      await suspendSession(ctx, session, signal);
    },

    async sshEndpoint(ctx): Promise<SshEndpoint | null> {
      const runtime = registry.current(ctx)?.runtime ?? (await liveRuntime(ctx));
      return runtime ? { host: '127.0.0.1', port: runtime.sshPort } : null;
    },

    consoleLogPath: (ctx) => instanceFiles(ctx.dir).consoleLog,

    async destroy(ctx) {
      await endProcess(ctx);
    },

    detach(ctx) {
      registry.detach(ctx);
    },

    snapshots: qemuSnapshots(tools),
  };
  return driver;
}
