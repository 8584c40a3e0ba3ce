/**
 * Adding and removing mounts and extra NICs on an instance. Each resolves true when the core
 * did it; a refusal becomes a notification with the core's reason, as other actions do.
 */
import { describeError } from '../actions/errors';
import type { Berth } from '../stores/berth';

async function attempt(berth: Berth, title: string, work: () => Promise<unknown>) {
  try {
    await work();
    return true;
  } catch (error) {
    const { message, details } = describeError(error);
    berth.notifications.getState().push({ tone: 'error', title, message, details });
    return false;
  }
}

/** Shares host folder `source` at `target` in `instance`. */
export function addMount(berth: Berth, instance: string, source: string, target: string) {
  return attempt(berth, `Could not mount ${source} in ${instance}`, () =>
    berth.transport.call('mounts.add', { instance, source, target }),
  );
}

/** Removes the mount at `target` from `instance`; the host folder is not touched. */
export function removeMount(berth: Berth, instance: string, target: string) {
  return attempt(berth, `Could not remove the mount ${target} from ${instance}`, () =>
    berth.transport.call('mounts.remove', { instance, target }),
  );
}

/** Adds a NIC on host bridge `bridge` to `instance`. */
export function addNetwork(berth: Berth, instance: string, bridge: string) {
  return attempt(berth, `Could not add a network on ${bridge} to ${instance}`, () =>
    berth.transport.call('networks.add', { instance, bridge }),
  );
}

/** Removes the extra NIC the guest calls `nic` from `instance`. */
export function removeNetwork(berth: Berth, instance: string, nic: string) {
  return attempt(berth, `Could not remove ${nic} from ${instance}`, () =>
    berth.transport.call('networks.remove', { instance, nic }),
  );
}
