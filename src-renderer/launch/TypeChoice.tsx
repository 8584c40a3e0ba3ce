/**
 * What the new instance runs as. A choice only where the driver offers both (LXD with
 * containers and VMs); with one type it is said plainly, with why the other is not there.
 */
import type { DriverInfo } from '../../src-shared/api';
import type { InstanceType } from './launch-extras';

const TYPE_LABELS: Readonly<Record<InstanceType, string>> = {
  container: 'System container',
  'virtual-machine': 'Virtual machine',
};

const TYPE_HINTS: Readonly<Record<InstanceType, string>> = {
  container: "Shares the host's kernel; starts in a second, uses little memory",
  'virtual-machine': 'Its own kernel and firmware; stronger isolation',
};

/** Why the driver offers only `only`, for people. */
function onlyReason(driver: DriverInfo, only: InstanceType): string {
  if (driver.id !== 'lxd') return `${driver.label} runs virtual machines only.`;
  const [these, others] =
    only === 'container' ? ['containers', 'virtual machines'] : ['virtual machines', 'containers'];
  return `${driver.label} runs ${these} only: the server reports no support for ${others}.`;
}

/** The type field; `value` is the chosen type, `onChange` picks another. */
export function TypeChoice(props: {
  driver: DriverInfo;
  value: InstanceType | null;
  onChange(type: InstanceType): void;
}) {
  const { driver } = props;
  const offered = driver.instanceTypes;
  const [first] = offered;
  if (first === undefined) return null;

  if (offered.length === 1) {
    return (
      <div className="field" data-testid="launch-type">
        <span className="field__label">Type</span>
        <span>{TYPE_LABELS[first]}</span>
        <span className="field__hint">{onlyReason(driver, first)}</span>
      </div>
    );
  }
  const chosen = props.value ?? first;
  return (
    <fieldset className="field choice" data-testid="launch-type">
      <legend className="field__label">Type</legend>
      {offered.map((type) => (
        <label key={type} className="choice__option">
          <input
            type="radio"
            name="launch-type"
            value={type}
            data-testid={`launch-type-${type}`}
            checked={chosen === type}
            onChange={() => props.onChange(type)}
          />
          <span className="choice__text">
            <span>{TYPE_LABELS[type]}</span>
            <span className="field__hint">{TYPE_HINTS[type]}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
