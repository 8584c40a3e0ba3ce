/**
 * The libvirt driver: one persistent domain per instance, defined on demand for the disk the
 * QEMU driver's layout keeps in the instance folder (the two drivers share one scope on
 * Linux). State comes from libvirt's event stream.
 *
 * Two NICs: one on libvirt's `default` NAT network, whose DHCP leases give the instance's
 * address; and a QEMU user-mode NIC carrying a loopback SSH forward, passed through
 * `<qemu:commandline>` because libvirt 9.0 rejects port forwards on its own user-mode interface
 * (libvirt marks the domain "tainted: custom-argv"). Berth reaches the guest only through
 * that forward, so it works the same whether or not the NAT network is there.
 */
import { BerthError } from '../../../src-shared/errors';
import type { Driver, DriverContext, DriverProbe, ObservedState, SshEndpoint } from '../driver';
import { createInstance } from '../qemu/create';
import { cancelled } from '../qemu/errors';
import { instanceFiles } from '../qemu/instance-files';
import { probeQemu, type QemuProbeResult, type QemuTools } from '../qemu/probe';
import { readSuspendMarker } from '../qemu/runtime';
import { bootDomain, readSshPort } from './boot';
import { DomainTable, domainState, isActive } from './domain-state';
import { EventStream } from './event-stream';
import { domainNameOf } from './identity';
import { leaseAddresses } from './nat-network';
import { killDomain, shutdownDomain, suspendDomain, undefineDomain } from './power';
import { type LibvirtProbeResult, type LibvirtTools, probeLibvirt } from './probe';
import { isSavedHere } from './saved-marker';

/** The default connection: the system daemon on this computer. */
export const DEFAULT_LIBVIRT_URI = 'qemu:///system';

/** Where the libvirt driver connects and finds its tools. */
export interface LibvirtDriverOptions {
  /** The connection URI, read on every call (the `libvirt.uri` setting). */
  uri?: () => string;
  virshBinary?: string;
  /** qemu-img and firmware lookups, shared with the QEMU driver's instance layout. */
  qemuImg?: string;
  firmwareDir?: string;
}

/** One instance being listened to. */
interface Watch {
  ctx: DriverContext;
  domain: string;
  stop: () => void;
  /** The SSH forward of the running domain, once known. */
  sshPort: number | null;
}

/** Creates the libvirt driver. Nothing is probed until a method needs it. */
export function createLibvirtDriver(options: LibvirtDriverOptions = {}): Driver {
  const uri = options.uri ?? (() => DEFAULT_LIBVIRT_URI);
  let probed: Promise<LibvirtProbeResult> | null = null;
  let qemuProbed: Promise<QemuProbeResult> | null = null;
  let stream: EventStream | null = null;
  const watches = new Map<string, Watch>();

  const runProbe = (): Promise<LibvirtProbeResult> =>
    probeLibvirt({ uri, ...(options.virshBinary ? { virshBinary: options.virshBinary } : {}) });

  const tools = async (): Promise<LibvirtTools> => {
    probed ??= runProbe();
    const result = await probed;
    if (result.tools) return result.tools;
    probed = null;
    const fix = result.probe.fix ? ` ${result.probe.fix}` : '';
    throw new BerthError('DRIVER_UNAVAILABLE', `${result.probe.reason}.${fix}`);
  };

  /** qemu-img and firmware, for preparing and booting the shared instance layout. */
  const qemuTools = async (): Promise<QemuTools> => {
    qemuProbed ??= probeQemu({
      ...(options.qemuImg ? { qemuImg: options.qemuImg } : {}),
      ...(options.firmwareDir ? { firmwareDir: options.firmwareDir } : {}),
    });
    const result = await qemuProbed;
    if (result.tools) return result.tools;
    qemuProbed = null;
    throw new BerthError('DRIVER_UNAVAILABLE', result.probe.reason ?? 'QEMU is unavailable');
  };

  const virsh = async () => (await tools()).virsh;
  const table = new DomainTable(virsh);

  /** Runs a change to a domain with the state table forgotten before and after. */
  const changing = async <T>(work: () => Promise<T>): Promise<T> => {
    table.invalidate();
    try {
      return await work();
    } finally {
      table.invalidate();
    }
  };

  /** After a gap in the event stream: reports instances that stopped meanwhile. */
  const resync = async (): Promise<void> => {
    for (const watched of watches.values()) {
      const state = await domainState(await virsh(), watched.domain).catch(() => null);
      if (!state || isActive(state)) continue;
      watched.sshPort = null;
      watched.ctx.onEvent({ kind: 'exited', detail: 'found stopped after a stream gap' });
    }
  };

  const eventStream = async (ctx: DriverContext): Promise<EventStream> => {
    stream ??= new EventStream(await virsh(), ctx.log, () => void resync());
    return stream;
  };

  const watch = async (ctx: DriverContext): Promise<Watch> => {
    const existing = watches.get(ctx.dir);
    if (existing) {
      existing.ctx = ctx;
      return existing;
    }
    const domain = domainNameOf(ctx.spec.name, ctx.dir);
    const events = await eventStream(ctx);
    const watched: Watch = { ctx, domain, stop: () => undefined, sshPort: null };
    watched.stop = events.watch(domain, (event) => {
      table.invalidate();
      if (event.kind === 'exited') watched.sshPort = null;
      watched.ctx.onEvent(event);
    });
    watches.set(ctx.dir, watched);
    return watched;
  };

  return {
    id: 'libvirt',

    async probe(): Promise<DriverProbe> {
      probed = runProbe();
      return (await probed).probe;
    },

    async create(ctx, source, seedIso, progress, signal) {
      await tools();
      // The same folder layout as the QEMU driver, so either driver can run the instance.
      await createInstance(ctx, await qemuTools(), source, seedIso, progress, signal);
    },

    async attach(ctx): Promise<ObservedState> {
      const watched = await watch(ctx);
      const state = await table.stateOf(watched.domain);
      // A save left by an earlier instance of this name and folder is not this one's memory.
      if (state === 'suspended') return (await isSavedHere(ctx.dir)) ? 'suspended' : 'stopped';
      if (state !== 'absent') return state;
      return (await readSuspendMarker(ctx.dir)) ? 'suspended' : 'stopped';
    },

    start: (ctx, signal) =>
      changing(async () => {
        if (signal.aborted) throw cancelled('Starting the instance');
        const boot = { ...(await tools()), qemu: await qemuTools() };
        const watched = await watch(ctx);
        watched.sshPort = await bootDomain(ctx, boot, watched.domain);
      }),

    shutdown: (ctx, timeoutMs, signal) =>
      changing(async () => {
        const watched = await watch(ctx);
        const events = await eventStream(ctx);
        const options = { timeoutMs, signal };
        return shutdownDomain(ctx, await virsh(), events, watched.domain, options);
      }),

    kill: (ctx) =>
      changing(async () => {
        const hadProcess = await killDomain(await virsh(), (await watch(ctx)).domain, ctx.dir);
        ctx.log.info('instance killed', { instance: ctx.spec.name, hadProcess });
      }),

    suspend: (ctx, signal) =>
      changing(async () => {
        const watched = await watch(ctx);
        await suspendDomain(ctx, await virsh(), watched.domain, signal);
        watched.sshPort = null;
      }),

    async addresses(ctx): Promise<string[]> {
      return leaseAddresses(await virsh(), (await watch(ctx)).domain);
    },

    async sshEndpoint(ctx): Promise<SshEndpoint | null> {
      const watched = await watch(ctx);
      if (watched.sshPort === null) {
        if (!isActive(await domainState(await virsh(), watched.domain))) return null;
        watched.sshPort = await readSshPort(await virsh(), watched.domain);
      }
      return { host: '127.0.0.1', port: watched.sshPort };
    },

    consoleLogPath: (ctx) => instanceFiles(ctx.dir).consoleLog,

    destroy: (ctx) =>
      changing(async () => {
        await undefineDomain(ctx, await virsh(), domainNameOf(ctx.spec.name, ctx.dir));
      }),

    detach(ctx) {
      const watched = watches.get(ctx.dir);
      watches.delete(ctx.dir);
      watched?.stop();
    },
  };
}
