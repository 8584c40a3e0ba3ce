/**
 * The driver targets of this computer, each with its last probe: one per local driver, and one
 * per remote server added to Berth ("lxd@lab").
 */
import { type DriverId, driversForHost } from '../../src-shared/drivers';
import { parseTarget, targetOf } from '../../src-shared/targets';
import { type Driver, type DriverProbe, unavailableDriver } from '../drivers/driver';
import { createLibvirtDriver } from '../drivers/libvirt/libvirt-driver';
import { createLxdDriver } from '../drivers/lxd/lxd-driver';
import type { RemoteEndpoint } from '../drivers/lxd/rest-client';
import { createQemuDriver } from '../drivers/qemu/qemu-driver';
import type { Logger } from './logger';
import type { HostFacts } from './settings-keys';

/** Builds the real driver for `id`, or an honest placeholder for drivers not built yet. */
function buildDriver(id: DriverId, setting: (key: string) => string): Driver {
  if (id === 'qemu') return createQemuDriver();
  if (id === 'libvirt') return createLibvirtDriver({ uri: () => setting('libvirt.uri') });
  if (id === 'lxd') return createLxdDriver();
  // Known limitation: VirtualBox and Hyper-V adapters are later issues;
  // until then their scopes exist and list empty, with this reason.
  return unavailableDriver(id, `The ${id} driver is not part of this Berth build yet`, null);
}

/** Every driver target of this host, probed lazily and re-probed on request. */
export class DriverRegistry {
  private readonly drivers = new Map<string, Driver>();
  private readonly probes = new Map<string, DriverProbe>();

  constructor(
    readonly host: HostFacts,
    overrides: Partial<Record<DriverId, Driver>> = {},
    /** Reads a setting's current value (drivers such as libvirt take their URI from one). */
    setting: (key: string) => string = () => '',
  ) {
    for (const id of driversForHost(host.os))
      this.drivers.set(id, overrides[id] ?? buildDriver(id, setting));
  }

  /** Targets of this host in display order: local drivers, then remotes. */
  targets(): string[] {
    return [...this.drivers.keys()];
  }

  /** Adds (or replaces) the driver of a remote LXD server. */
  addRemote(name: string, endpoint: RemoteEndpoint, log: Logger): string {
    const target = targetOf('lxd', name);
    this.drivers.set(target, createLxdDriver({ endpoint, log }));
    this.probes.delete(target);
    return target;
  }

  /** Registers a remote whose credentials cannot be used, so its scope still lists. */
  addBrokenRemote(name: string, reason: string): void {
    const target = targetOf('lxd', name);
    this.drivers.set(target, unavailableDriver('lxd', reason, 'berth remote remove, then add'));
  }

  /** Forgets a remote's driver. */
  removeRemote(name: string): void {
    const target = targetOf('lxd', name);
    this.drivers.delete(target);
    this.probes.delete(target);
  }

  /** True when `target` is a driver of this host or a known remote. */
  has(target: string): boolean {
    return this.drivers.has(target);
  }

  /** The driver of `target`; unknown targets get an honest placeholder. */
  get(target: string): Driver {
    const driver = this.drivers.get(target);
    if (driver) return driver;
    const parsed = parseTarget(target);
    const reason = parsed?.remote
      ? `There is no remote called "${parsed.remote}"; add it with berth remote add`
      : `The ${target} driver does not run on this computer`;
    return unavailableDriver(parsed?.driver ?? 'qemu', reason, null);
  }

  /** The cached probe of `target`, probing it the first time. */
  async probe(target: string, fresh = false): Promise<DriverProbe> {
    const cached = this.probes.get(target);
    if (cached && !fresh) return cached;
    const probe = await this.get(target).probe();
    this.probes.set(target, probe);
    return probe;
  }
}
