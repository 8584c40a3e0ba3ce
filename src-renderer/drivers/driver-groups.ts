/** Driver targets by where they run: this computer's hypervisors, then remote servers. */
import type { DriverInfo } from '../../src-shared/api';
import { parseTarget } from '../../src-shared/targets';

/** True when `target` names a remote server ("lxd@lab"). */
export function isRemoteTarget(target: string): boolean {
  return (parseTarget(target)?.remote ?? null) !== null;
}

/** The drivers list split into this computer's entries and remote servers, order kept. */
export function splitByPlace(drivers: readonly DriverInfo[]): {
  local: DriverInfo[];
  remote: DriverInfo[];
} {
  return {
    local: drivers.filter((d) => !isRemoteTarget(d.target)),
    remote: drivers.filter((d) => isRemoteTarget(d.target)),
  };
}
