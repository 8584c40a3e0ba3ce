/** Why mounts and NICs cannot be changed on one instance now, from the shared predicate. */
import type { InstanceInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { deviceBlockReason } from '../../src-shared/predicates';

/** Each null when allowed. */
export interface DeviceGates {
  /** Adding or removing a mount on this instance now. */
  mount: string | null;
  network: string | null;
  /** Why the target can never do it (capability, build, remote), so nothing is listed. */
  mountUnavailable: string | null;
  networkUnavailable: string | null;
}

const SETTLED = { state: 'stopped', deleted: false } as const;

/** The gates for `instance` under `driver`; `remote` when the active target is a server. */
export function deviceGates(
  instance: InstanceInfo,
  driver: DriverId,
  remote: boolean,
): DeviceGates {
  return {
    mount: deviceBlockReason('mount', instance, driver, remote),
    network: deviceBlockReason('network', instance, driver, remote),
    mountUnavailable: deviceBlockReason('mount', SETTLED, driver, remote),
    networkUnavailable: deviceBlockReason('network', SETTLED, driver, remote),
  };
}
