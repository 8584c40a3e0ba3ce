/** The drivers of this computer, each with its last probe. */
import { type DriverId, driversForHost } from '../../src-shared/drivers';
import { type Driver, type DriverProbe, unavailableDriver } from '../drivers/driver';
import { createLibvirtDriver } from '../drivers/libvirt/libvirt-driver';
import { createLxdDriver } from '../drivers/lxd/lxd-driver';
import { createQemuDriver } from '../drivers/qemu/qemu-driver';
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

/** Every driver of this host, probed lazily and re-probed on request. */
export class DriverRegistry {
  private readonly drivers = new Map<DriverId, Driver>();
  private readonly probes = new Map<DriverId, DriverProbe>();

  constructor(
    readonly host: HostFacts,
    overrides: Partial<Record<DriverId, Driver>> = {},
    /** Reads a setting's current value (drivers such as libvirt take their URI from one). */
    setting: (key: string) => string = () => '',
  ) {
    for (const id of driversForHost(host.os))
      this.drivers.set(id, overrides[id] ?? buildDriver(id, setting));
  }

  /** Driver ids of this host, in display order. */
  ids(): DriverId[] {
    return [...this.drivers.keys()];
  }

  /** The driver `id`; only ids of this host exist. */
  get(id: DriverId): Driver {
    const driver = this.drivers.get(id);
    if (!driver)
      return unavailableDriver(id, `The ${id} driver does not run on this computer`, null);
    return driver;
  }

  /** The cached probe of `id`, probing it the first time. */
  async probe(id: DriverId, fresh = false): Promise<DriverProbe> {
    const cached = this.probes.get(id);
    if (cached && !fresh) return cached;
    const probe = await this.get(id).probe();
    this.probes.set(id, probe);
    return probe;
  }
}
