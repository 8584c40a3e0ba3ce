/** One driver as the picker and the settings page describe it. */
import type { DriverInfo } from '../../src-shared/api';
import { CAPABILITY_LABELS, type Capability } from '../../src-shared/capabilities';
import { Icon } from '../components/Icon';

const CAPABILITIES: readonly Capability[] = [
  'snapshots',
  'suspend',
  'nativeMounts',
  'extraNetworks',
];

function availability(driver: DriverInfo): string {
  if (!driver.available)
    return `Not available: ${driver.reason ?? 'the probe found no way to run it'}`;
  const facts = [driver.version ? `version ${driver.version}` : null, driver.acceleration];
  const known = facts.filter((fact): fact is string => fact !== null);
  return known.length > 0 ? `Available · ${known.join(' · ')}` : 'Available';
}

function countLabel(driver: DriverInfo): string {
  const count = driver.instanceCount;
  const noun = count === 1 ? 'instance' : 'instances';
  return `${count} ${noun} in scope ${driver.scope}`;
}

/** Availability, capabilities, instance count, and the default and active marks. */
export function DriverSummary({ driver }: { driver: DriverInfo }) {
  return (
    <span className={`driver ${driver.available ? '' : 'driver--unavailable'}`}>
      <span className="driver__head">
        <strong>{driver.label}</strong>
        {driver.isActive ? <span className="tag tag--active">Active</span> : null}
        {driver.isDefault ? <span className="tag">Default for this computer</span> : null}
      </span>
      <span className="driver__status">{availability(driver)}</span>
      {!driver.available && driver.fix ? <span className="driver__fix">{driver.fix}</span> : null}
      {driver.warnings.map((warning) => (
        <span key={warning} className="driver__warning">
          {warning}
        </span>
      ))}
      <span className="caps">
        {CAPABILITIES.map((capability) => {
          const has = driver.capabilities[capability];
          return (
            <span key={capability} className={`cap ${has ? 'cap--yes' : 'cap--no'}`}>
              <Icon name={has ? 'check' : 'close'} size={12} />
              {CAPABILITY_LABELS[capability]}
              <span className="sr-only">{has ? ' supported' : ' not supported'}</span>
            </span>
          );
        })}
      </span>
      <span className="driver__count">{countLabel(driver)}</span>
    </span>
  );
}
