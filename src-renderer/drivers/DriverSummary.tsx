/** One driver as the picker and the settings page describe it. */
import type { DriverInfo } from '../../src-shared/api';
import {
  CAPABILITY_LABELS,
  type Capability,
  missingCapabilityReason,
} from '../../src-shared/capabilities';
import { type DeviceAction, deviceBlockReason } from '../../src-shared/predicates';
import { Icon } from '../components/Icon';
import { isRemoteTarget } from './driver-groups';

const CAPABILITIES: readonly Capability[] = [
  'snapshots',
  'suspend',
  'nativeMounts',
  'extraNetworks',
];

const DEVICE_OF: Partial<Record<Capability, DeviceAction>> = {
  nativeMounts: 'mount',
  extraNetworks: 'network',
};
const NEW_INSTANCE = { state: 'stopped', deleted: false } as const;

/** Why a capability cannot be used on this target, or null; devices ask the shared rules. */
function capabilityGap(driver: DriverInfo, capability: Capability): string | null {
  if (!driver.capabilities[capability]) return missingCapabilityReason(driver.id, capability);
  const device = DEVICE_OF[capability];
  if (!device) return null;
  return deviceBlockReason(device, NEW_INSTANCE, driver.id, isRemoteTarget(driver.target));
}

function availability(driver: DriverInfo): string {
  if (!driver.available)
    return `Not available: ${driver.reason ?? 'the probe found no way to run it'}`;
  const facts = [driver.version ? `version ${driver.version}` : null, driver.acceleration];
  const known = facts.filter((fact): fact is string => fact !== null);
  return known.length > 0 ? `Available · ${known.join(' · ')}` : 'Available';
}

/** What the target runs, when it can run more than virtual machines. */
function typesLabel(driver: DriverInfo): string | null {
  const types = driver.instanceTypes;
  if (types.length === 0 || (types.length === 1 && types[0] === 'virtual-machine')) return null;
  if (types.length > 1) return 'Runs system containers and virtual machines';
  return 'Runs system containers only';
}

function clusterLabel(members: readonly string[]): string | null {
  if (members.length === 0) return null;
  return `Cluster of ${members.length}: ${members.join(', ')}`;
}

function countLabel(driver: DriverInfo): string {
  const count = driver.instanceCount;
  const noun = count === 1 ? 'instance' : 'instances';
  return `${count} ${noun} in scope ${driver.scope}`;
}

/** Availability, where it runs, capabilities, instance count, default and active marks. */
export function DriverSummary({ driver }: { driver: DriverInfo }) {
  const facts = [typesLabel(driver), clusterLabel(driver.clusterMembers)];
  return (
    <span className={`driver ${driver.available ? '' : 'driver--unavailable'}`}>
      <span className="driver__head">
        <strong>{driver.label}</strong>
        {driver.isActive ? <span className="tag tag--active">Active</span> : null}
        {driver.isDefault ? <span className="tag">Default for this computer</span> : null}
      </span>
      {driver.remote ? <code className="driver__url">{driver.remote.url}</code> : null}
      <span className="driver__status">{availability(driver)}</span>
      {!driver.available && driver.fix ? <span className="driver__fix">{driver.fix}</span> : null}
      {driver.warnings.map((warning) => (
        <span key={warning} className="driver__warning">
          {warning}
        </span>
      ))}
      {facts.map((fact) =>
        fact ? (
          <span key={fact} className="driver__fact">
            {fact}
          </span>
        ) : null,
      )}
      <span className="caps">
        {CAPABILITIES.map((capability) => {
          const gap = capabilityGap(driver, capability);
          return (
            <span
              key={capability}
              className={`cap ${gap ? 'cap--no' : 'cap--yes'}`}
              title={gap ?? undefined}
            >
              <Icon name={gap ? 'close' : 'check'} size={12} />
              {CAPABILITY_LABELS[capability]}
              <span className="sr-only">{gap ? ` (${gap})` : ' supported'}</span>
            </span>
          );
        })}
      </span>
      <span className="driver__count">{countLabel(driver)}</span>
    </span>
  );
}
