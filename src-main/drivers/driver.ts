/**
 * The contract between the core and a hypervisor backend. A driver only talks to its
 * hypervisor; the core owns records, state rules, SSH readiness and events to clients.
 * Every method may throw a BerthError (code HYPERVISOR_ERROR with the tool's message).
 */
import type { INSTANCE_TYPES, MountInfo, NetworkAttachment } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { BerthError } from '../../src-shared/errors';
import type { SeedDocuments } from '../cloud-init/seed-documents';
import type { Logger } from '../core/logger';

/** What an instance runs as ("virtual-machine" or "container"). */
export type InstanceType = (typeof INSTANCE_TYPES)[number];

/** What the core asks a driver to run: the instance's fixed shape. */
export interface InstanceSpec {
  name: string;
  cpus: number;
  memoryBytes: number;
  diskBytes: number;
  /** 'disk' boots the disk through UEFI firmware; 'kernel' boots kernel + initrd directly. */
  bootKind: 'disk' | 'kernel';
  /** Kernel command line for direct kernel boot. */
  cmdline?: string;
  /** The MAC address of the instance's NIC (the seed's network config matches it). */
  macAddress: string;
}

/** Hypervisor-level happenings the driver reports as they occur (never by polling). */
export type DriverEventKind =
  | 'running' // the VM's CPUs run (booted or resumed)
  | 'paused' // the VM's CPUs were stopped
  | 'reset' // the guest rebooted
  | 'shutdown' // the guest asked to power off (the process may still be exiting)
  | 'exited'; // the hypervisor process is gone

/** One event from the hypervisor about one instance. */
export interface DriverEvent {
  kind: DriverEventKind;
  /** Extra words for the log, e.g. "guest-shutdown" or "killed by signal". */
  detail?: string;
}

/** Everything a driver needs to act on one instance. */
export interface DriverContext {
  spec: InstanceSpec;
  /** The instance's own folder; exists; the driver may keep any files in it. */
  dir: string;
  log: Logger;
  /** Called for every hypervisor event about this instance while attached. */
  onEvent(event: DriverEvent): void;
}

/** An image the hypervisor downloads itself, named by a simplestreams alias. */
export interface RemoteImage {
  /** As the user wrote it ("images:debian/12"). */
  name: string;
  /** The simplestreams server ("https://images.linuxcontainers.org"). */
  server: string;
  /** The alias on that server ("debian/12"). */
  alias: string;
}

/** What the user gave to launch from, resolved to local files by the core. */
export interface LaunchSource {
  /**
   * A local image file: a disk (qcow2 or raw) for VM drivers, an image tarball for LXD.
   * Empty when `remoteImage` is set.
   */
  disk: string;
  /** Set instead of `disk` for drivers with `imageAliases`. */
  remoteImage?: RemoteImage;
  kernel?: string;
  initrd?: string;
  /** The type asked for, on drivers that make more than one; the image decides when absent. */
  type?: InstanceType;
  /** Native mounts to create the instance with (drivers with `devices`). */
  mounts?: MountInfo[];
  /** Host bridges to add NICs on, after the default NIC (drivers with `devices`). */
  networks?: { bridge: string }[];
  /**
   * The cloud-init documents the seed ISO holds, for drivers that hand them to the guest
   * another way (LXD's `cloud-init.*` config keys). Drivers booting the ISO ignore it.
   */
  cloudInit?: SeedDocuments;
}

/** Reports one step of a long operation ("preparing-disk", "booting", ...). */
export type ProgressReporter = (step: string, message: string) => void;

/** The hypervisor's own view: whether its process runs and in which mode. */
export type ObservedState = 'running' | 'paused' | 'stopped' | 'suspended';

/** Where the host reaches the guest's SSH server. */
export interface SshEndpoint {
  host: string;
  port: number;
}

/** A driver's availability on this computer. */
export interface DriverProbe {
  available: boolean;
  version: string | null;
  /** e.g. "kvm" or "tcg". */
  acceleration: string | null;
  /** Things the user should know even though it works (e.g. "no KVM: software emulation"). */
  warnings: string[];
  /** Why it cannot run here, and the fix; null when available. */
  reason: string | null;
  fix: string | null;
  /** What this driver can launch here; absent means virtual machines only. */
  instanceTypes?: InstanceType[];
  /** Members of the server's cluster, when it is one (LXD). */
  clusterMembers?: string[];
}

/** Snapshot operations, present only on drivers with the snapshots capability. */
export interface DriverSnapshots {
  /** Takes snapshot `tag` of a stopped instance. */
  take(ctx: DriverContext, tag: string): Promise<void>;
  /** Reverts a stopped instance to snapshot `tag`. */
  restore(ctx: DriverContext, tag: string): Promise<void>;
  delete(ctx: DriverContext, tag: string): Promise<void>;
}

/**
 * How a driver decides readiness itself, instead of the core's default (SSH answers with
 * Berth's key): e.g. LXD, whose exec API runs commands without SSH.
 */
export interface DriverReadiness {
  /** Resolves with the guest's IPv4 addresses once it accepts commands; honours `signal`. */
  waitReady(ctx: DriverContext, timeoutMs: number, signal: AbortSignal): Promise<string[]>;
}

/**
 * Native mounts and extra NICs, on drivers that have them built. The hypervisor's own
 * configuration is the source of truth: lists read it, so changes made elsewhere show.
 */
export interface DriverDevices {
  /** The instance's native mounts, by guest path. */
  listMounts(ctx: DriverContext): Promise<MountInfo[]>;
  /** Shares host folder `mount.source` at guest path `mount.target`. */
  addMount(ctx: DriverContext, mount: MountInfo): Promise<void>;
  /** Removes the mount at guest path `target`; nothing to do when there is none. */
  removeMount(ctx: DriverContext, target: string): Promise<void>;
  /** The NICs Berth added, each with its bridge and the guest's name for it. */
  listNetworks(ctx: DriverContext): Promise<NetworkAttachment[]>;
  /** Adds a NIC on host bridge `bridge`; resolves with it, named as the guest names it. */
  addNetwork(ctx: DriverContext, bridge: string): Promise<NetworkAttachment>;
  /** Removes the NIC the guest calls `nic`; nothing to do when there is none. */
  removeNetwork(ctx: DriverContext, nic: string): Promise<void>;
}

/** Which output of a guest command bytes came from; a terminal has only stdout. */
export type GuestStream = 'stdout' | 'stderr';

/**
 * A command running in a guest, on a terminal or on plain pipes. Output that arrives before
 * `onData` is set is held for it; `onExit` is called once, after the last output.
 */
export interface GuestSession {
  /** Sends bytes to the command's input. */
  write(data: Buffer): void;
  /** Ends the command's input (pipes only; on a terminal the user types Ctrl-D). */
  endInput(): void;
  /** Sets the terminal's size in columns and rows; ignored on pipes. */
  resize(cols: number, rows: number): void;
  /** Hangs up: the command ends and `onExit` follows. */
  close(): void;
  onData(listener: (data: Buffer, stream: GuestStream) => void): void;
  /** The command's exit code, or null when the connection to it was lost. */
  onExit(listener: (exitCode: number | null) => void): void;
}

/** An interactive terminal to open in a guest. */
export interface TerminalRequest {
  /** The command; null runs the user's login shell. */
  argv: string[] | null;
  cols: number;
  rows: number;
  /** The guest user to run as (the instance's SSH user). */
  user: string;
}

/** A non-interactive command to start in a guest: pipes, stderr apart. */
export interface SpawnRequest {
  argv: string[];
  user: string;
}

/** One hypervisor backend. */
export interface Driver {
  readonly id: DriverId;
  probe(): Promise<DriverProbe>;
  /**
   * Prepares the instance's disk and hypervisor files in `ctx.dir` without booting it.
   * `seedIso` is the cloud-init NoCloud seed the core has written. Honours `signal`.
   */
  create(
    ctx: DriverContext,
    source: LaunchSource,
    seedIso: string,
    progress: ProgressReporter,
    signal: AbortSignal,
  ): Promise<void>;
  /**
   * Finds out whether the instance's VM is still there (e.g. after Berth restarted) and starts
   * delivering its events to `ctx.onEvent`. Never boots anything.
   */
  attach(ctx: DriverContext): Promise<ObservedState>;
  /** Boots the VM, or resumes it when it was suspended. Resolves once the VM runs. */
  start(ctx: DriverContext, signal: AbortSignal): Promise<void>;
  /** Asks the guest to power off; resolves true if the VM exited within `timeoutMs`. */
  shutdown(ctx: DriverContext, timeoutMs: number, signal: AbortSignal): Promise<boolean>;
  /** Ends the VM at once; also discards a saved suspend state. */
  kill(ctx: DriverContext): Promise<void>;
  /** Saves the running VM's memory and stops it, so `start` resumes it. */
  suspend(ctx: DriverContext, signal: AbortSignal): Promise<void>;
  /**
   * Addresses the hypervisor itself knows for a running instance (libvirt's DHCP leases),
   * added to those the guest reports. Optional: most drivers learn them from the guest only.
   */
  addresses?(ctx: DriverContext): Promise<string[]>;
  /** Where SSH is reachable once the VM runs; null when it is not running. */
  sshEndpoint(ctx: DriverContext): Promise<SshEndpoint | null>;
  /** The file the guest's serial console is written to. */
  consoleLogPath(ctx: DriverContext): string;
  /** Removes everything the hypervisor holds for this instance (the core removes `ctx.dir`). */
  destroy(ctx: DriverContext): Promise<void>;
  /** Stops listening to this instance; its VM keeps running. */
  detach(ctx: DriverContext): void;
  /** Present only when the driver has the snapshots capability. */
  readonly snapshots?: DriverSnapshots;
  /** Present when "running" means something other than "SSH answers" for this driver. */
  readonly readiness?: DriverReadiness;
  /** Present on drivers that make more than one type (LXD): what `create` made. */
  instanceType?(ctx: DriverContext): Promise<InstanceType | null>;
  /**
   * Opens a terminal in the running guest without SSH (LXD's exec API). Absent: the core
   * uses SSH with Berth's key.
   */
  terminal?(ctx: DriverContext, request: TerminalRequest): Promise<GuestSession>;
  /**
   * Starts a non-interactive command in the running guest without SSH; its output streams
   * as it is produced. Absent: the core uses SSH.
   */
  spawn?(ctx: DriverContext, request: SpawnRequest): Promise<GuestSession>;
  /** Present on drivers with native mounts and extra NICs built. */
  readonly devices?: DriverDevices;
  /** True when the hypervisor downloads images by simplestreams alias itself (LXD). */
  readonly imageAliases?: boolean;
  /** Present on drivers that run clusters (LXD): the member running the instance, or null. */
  location?(ctx: DriverContext): Promise<string | null>;
}

/** A driver that cannot run here (not built yet, or its probe failed), for honest listings. */
export function unavailableDriver(id: DriverId, reason: string, fix: string | null): Driver {
  const refuse = async (): Promise<never> => {
    throw new BerthError('DRIVER_UNAVAILABLE', reason);
  };
  return {
    id,
    probe: async () => ({
      available: false,
      version: null,
      acceleration: null,
      warnings: [],
      reason,
      fix,
    }),
    create: refuse,
    attach: async () => 'stopped',
    start: refuse,
    shutdown: refuse,
    kill: refuse,
    suspend: refuse,
    sshEndpoint: async () => null,
    consoleLogPath: () => '',
    destroy: async () => undefined,
    detach: () => undefined,
  };
}
