/**
 * The LXD driver: instances in Berth's own LXD project, driven over LXD's REST API on its unix
 * socket. System containers here, virtual machines where the server can run them (the launch
 * or the image decides). Images come from local files or LXD's simplestreams remotes; native
 * mounts and extra NICs are LXD devices (lxd-devices.ts). "Running" means the guest accepts
 * commands through LXD's exec API; LXD's event stream reports state changes. No suspend and
 * no snapshots (the capability matrix).
 */
import { missingCapabilityReason } from '../../../src-shared/capabilities';
import { BerthError } from '../../../src-shared/errors';
import { type Logger, silentLogger } from '../../core/logger';
import type { Driver, DriverContext, ObservedState, SshEndpoint } from '../driver';
import { clusterMembers, instanceLocation } from './cluster';
import { createLxdInstance } from './create';
import { type ExecResult, execInGuest } from './exec';
import { openExecSession } from './exec-session';
import { asGuestUser } from './guest-user';
import { readInstanceFile } from './instance-file';
import { lxdDevices } from './lxd-devices';
import { addMount, removeMount } from './mounts';
import { addBridgedNic, removeBridgedNic } from './networks';
import { deleteFromLxd, forceOff, observe, powerDown, powerOn } from './power';
import {
  type LxdInstanceType,
  type LxdProbeResult,
  probeEndpoint,
  probeLxd,
  socketCandidates,
} from './probe';
import { waitUntilAccepting } from './readiness';
import { LxdClient, type LxdEndpoint } from './rest-client';
import { DEFAULT_SETUP_NAMES, ensureSetup, type LxdPlacement, type SetupNames } from './setup';
import { InstanceWatch } from './watch';

/** Where the LXD driver finds LXD and what it names its resources. */
export interface LxdDriverOptions {
  /** Socket paths to try, in order (default: `$LXD_DIR`, Debian's, the snap's). */
  socketCandidates?: string[];
  /** A remote server instead of the local socket (see remote.ts for adding one). */
  endpoint?: LxdEndpoint;
  names?: Partial<SetupNames>;
  /** Log for driver-wide happenings (the event stream); instances log through their context. */
  log?: Logger;
}

/** The LXD driver, with the LXD-only operations the core has no API for yet. */
export interface LxdDriver extends Driver {
  /** Runs `argv` in the instance through LXD's exec API. */
  exec(ctx: DriverContext, argv: string[], timeoutMs?: number): Promise<ExecResult>;
  /** Shares host folder `hostPath` at `guestPath` as an LXD disk device. */
  mount(ctx: DriverContext, hostPath: string, guestPath: string): Promise<void>;
  unmount(ctx: DriverContext, guestPath: string): Promise<void>;
  /** Adds a NIC bridged to host bridge `bridge`; resolves with the guest's name for it. */
  addNetwork(ctx: DriverContext, bridge: string): Promise<string>;
  /** Removes the extra NIC the guest calls `nic` (as `addNetwork` returned it). */
  removeNetwork(ctx: DriverContext, nic: string): Promise<void>;
  /** The instance's type as created, or null when the driver has no note of it. */
  instanceType(ctx: DriverContext): Promise<LxdInstanceType | null>;
  /** The client bound to Berth's project (tests and the benchmark use it). */
  client(): Promise<LxdClient>;
  /** True while LXD's event stream is connected. */
  eventsConnected(): boolean;
}

/** Creates the LXD driver. Nothing talks to LXD until a method needs it. */
export function createLxdDriver(options: LxdDriverOptions = {}): LxdDriver {
  const names = { ...DEFAULT_SETUP_NAMES, ...options.names };
  let probed: Promise<LxdProbeResult> | null = null;
  let ready: Promise<{ client: LxdClient; placement: LxdPlacement; watch: InstanceWatch }> | null =
    null;
  let watching: InstanceWatch | null = null;

  const probeNow = () =>
    options.endpoint
      ? probeEndpoint(options.endpoint)
      : probeLxd(options.socketCandidates ?? socketCandidates());
  const probeOnce = () => {
    probed ??= probeNow();
    return probed;
  };
  const prepare = async (log: Logger) => {
    const result = await probeOnce();
    if (!result.probe.available || !result.endpoint) {
      probed = null;
      throw new BerthError('DRIVER_UNAVAILABLE', result.probe.reason ?? 'LXD is unavailable');
    }
    const root = new LxdClient(result.endpoint);
    const placement = await ensureSetup(root, names, log);
    const client = root.inProject(placement.project);
    watching = new InstanceWatch(client, log);
    return { client, placement, watch: watching };
  };
  /** The client, placement and watch, set up on first use; logs go to the first caller's log. */
  const use = (ctx?: DriverContext) => {
    ready ??= prepare(options.log ?? ctx?.log ?? silentLogger).catch((error: unknown) => {
      ready = null;
      throw error;
    });
    return ready;
  };

  const driver: LxdDriver = {
    id: 'lxd',
    imageAliases: true,
    devices: lxdDevices(async (ctx) => (await use(ctx)).client),

    async probe() {
      probed = probeNow();
      const result = await probed;
      if (!result.probe.available || !result.endpoint) return result.probe;
      // Known on every probe so the picker can show a cluster's members per target.
      const members = await clusterMembers(new LxdClient(result.endpoint)).catch(() => []);
      return { ...result.probe, clusterMembers: members };
    },

    async create(ctx, source, _seedIso, progress, signal) {
      const { client, placement } = await use(ctx);
      await createLxdInstance(
        ctx,
        { client, placement, probed: await probeOnce() },
        source,
        progress,
        signal,
      );
    },

    async attach(ctx): Promise<ObservedState> {
      const { client, watch } = await use(ctx);
      const observed = await observe(client, ctx.spec.name);
      await watch.add(ctx, observed);
      return observed;
    },

    async start(ctx) {
      const { client, watch } = await use(ctx);
      await watch.add(ctx, await observe(client, ctx.spec.name));
      await powerOn(client, ctx.spec.name);
      watch.note(ctx.spec.name, 'running');
    },

    async shutdown(ctx, timeoutMs) {
      const { client, watch } = await use(ctx);
      ctx.log.info('asking the guest to power off', { instance: ctx.spec.name, timeoutMs });
      const stopped = await powerDown(client, ctx.spec.name, timeoutMs);
      if (stopped) watch.note(ctx.spec.name, 'stopped');
      return stopped;
    },

    async kill(ctx) {
      const { client, watch } = await use(ctx);
      await forceOff(client, ctx.spec.name);
      watch.note(ctx.spec.name, 'stopped');
      ctx.log.info('instance forced off', { instance: ctx.spec.name });
    },

    async suspend() {
      // The core refuses first (capability matrix); this guards direct callers.
      throw new BerthError('UNSUPPORTED', missingCapabilityReason('lxd', 'suspend'));
    },

    async sshEndpoint(ctx): Promise<SshEndpoint | null> {
      // Known limitation: a remote server's SSH forward would listen on the server's own
      // loopback, out of this computer's reach; remote instances are reached through exec.
      if (options.endpoint) return null;
      const note = await readInstanceFile(ctx.dir);
      if (!note) return null;
      const { client } = await use(ctx);
      const running = (await observe(client, ctx.spec.name)) === 'running';
      return running ? { host: '127.0.0.1', port: note.sshPort } : null;
    },

    // LXD keeps a container's console in its own log; there is no file here to tail.
    consoleLogPath: () => '',

    async destroy(ctx) {
      const { client, watch } = await use(ctx);
      watch.remove(ctx.spec.name);
      await forceOff(client, ctx.spec.name).catch(() => undefined);
      await deleteFromLxd(client, ctx.spec.name);
      ctx.log.info('instance deleted from LXD', { instance: ctx.spec.name });
    },

    detach(ctx) {
      void ready?.then(({ watch }) => watch.remove(ctx.spec.name)).catch(() => undefined);
    },

    readiness: {
      async waitReady(ctx, timeoutMs, signal) {
        const { client } = await use(ctx);
        return waitUntilAccepting(client, ctx.spec.name, timeoutMs, signal, ctx.log);
      },
    },

    async exec(ctx, argv, timeoutMs) {
      const { client } = await use(ctx);
      return execInGuest(client, ctx.spec.name, argv, timeoutMs);
    },

    async terminal(ctx, { argv, cols, rows, user }) {
      const { client } = await use(ctx);
      const command = asGuestUser(argv, user, 'terminal');
      return openExecSession(
        client,
        ctx.spec.name,
        { argv: command, terminal: { cols, rows } },
        ctx.log,
      );
    },

    async spawn(ctx, { argv, user }) {
      const { client } = await use(ctx);
      const command = asGuestUser(argv, user, 'pipes');
      return openExecSession(client, ctx.spec.name, { argv: command, terminal: null }, ctx.log);
    },

    async mount(ctx, hostPath, guestPath) {
      const { client } = await use(ctx);
      const device = await addMount(client, ctx.spec.name, hostPath, guestPath);
      ctx.log.info('mount added', { instance: ctx.spec.name, hostPath, guestPath, device });
    },

    async addNetwork(ctx, bridge) {
      const { client } = await use(ctx);
      const nic = await addBridgedNic(client, ctx.spec.name, bridge);
      ctx.log.info('network added', { instance: ctx.spec.name, bridge, nic });
      return nic;
    },

    async removeNetwork(ctx, nic) {
      const { client } = await use(ctx);
      await removeBridgedNic(client, ctx.spec.name, nic);
    },

    async unmount(ctx, guestPath) {
      const { client } = await use(ctx);
      await removeMount(client, ctx.spec.name, guestPath);
    },

    async location(ctx) {
      const { client } = await use(ctx);
      return instanceLocation(client, ctx.spec.name);
    },

    async instanceType(ctx) {
      return (await readInstanceFile(ctx.dir))?.type ?? null;
    },

    async client() {
      return (await use()).client;
    },

    eventsConnected: () => watching?.connected ?? false,
  };
  return driver;
}
