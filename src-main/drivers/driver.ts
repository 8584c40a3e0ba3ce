/**
 * The contract between the core and a hypervisor backend. A driver only talks to its
 * hypervisor; the core owns records, state rules, SSH readiness and events to clients.
 * Every method may throw a BerthError (code HYPERVISOR_ERROR with the tool's message).
 */
import type { INSTANCE_TYPES } from '../../src-shared/api';
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

/** What the user gave to launch from, resolved to local files by the core. */
export interface LaunchSource {
  /** A local image file: a disk (qcow2 or raw) for VM drivers, an image tarball for LXD. */
  disk: string;
  kernel?: string;
  initrd?: string;
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
