/** The "Mounts & networks" panel: host folders shared in, and NICs on host bridges. */
import type { InstanceInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { useActiveIsRemote } from '../drivers/use-active-driver';
import { deviceGates } from './device-gates';
import { MountsSection } from './MountsSection';
import { NetworksSection } from './NetworksSection';

/** The panel for `instance` under `driver`. */
export function DevicesPanel({ instance, driver }: { instance: InstanceInfo; driver: DriverId }) {
  const remote = useActiveIsRemote();
  const gates = deviceGates(instance, driver, remote);
  return (
    <section className="panel" aria-labelledby="devices-title" data-testid="devices-panel">
      <h2 id="devices-title">Mounts &amp; networks</h2>
      <MountsSection instance={instance} gates={gates} />
      <NetworksSection instance={instance} gates={gates} />
    </section>
  );
}
