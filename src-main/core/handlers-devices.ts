/** Handlers for native mounts and extra networks (`mounts.*`, `networks.*`). */
import type { ApiHandlers } from '../transports/dispatcher';
import type { BerthCore } from './berth-core';

type DeviceMethods =
  | 'mounts.list'
  | 'mounts.add'
  | 'mounts.remove'
  | 'networks.list'
  | 'networks.add'
  | 'networks.remove';

const OK = { ok: true } as const;

/** Maps the device methods to the instance service's device operations. */
export function deviceHandlers(core: BerthCore): Pick<ApiHandlers, DeviceMethods> {
  const { devices } = core.instances;
  return {
    'mounts.list': (p) => devices.listMounts(p.instance),
    'mounts.add': (p) => devices.addMount(p.instance, { source: p.source, target: p.target }),
    'mounts.remove': async (p) => {
      await devices.removeMount(p.instance, p.target);
      return OK;
    },
    'networks.list': (p) => devices.listNetworks(p.instance),
    'networks.add': (p) => devices.addNetwork(p.instance, p.bridge),
    'networks.remove': async (p) => {
      await devices.removeNetwork(p.instance, p.nic);
      return OK;
    },
  };
}
