/** The driver setting: a select of every target that opens the switch preview, and the cards. */
import { useEffect, useId } from 'react';
import { useStore } from 'zustand';
import type { DriverInfo } from '../../src-shared/api';
import { useBerth } from '../components/BerthProvider';
import { DriverSummary } from '../drivers/DriverSummary';
import { splitByPlace } from '../drivers/driver-groups';
import { useActiveTarget } from '../drivers/use-active-driver';

function TargetOption({ driver }: { driver: DriverInfo }) {
  return (
    <option value={driver.target}>
      {driver.label}
      {driver.available ? '' : ' (not available)'}
    </option>
  );
}

/** The select `setting-local.driver` and the driver cards. */
export function DriverSetting() {
  const berth = useBerth();
  const { drivers, ui } = berth;
  const list = useStore(drivers, (s) => s.drivers);
  const { local, remote } = splitByPlace(list);
  const active = useActiveTarget();
  const id = useId();
  // The cards show availability; probe again whenever the page is opened.
  useEffect(() => void berth.refreshDrivers(true), [berth]);

  return (
    <div className="setting">
      <label className="setting__label" htmlFor={id}>
        Driver
      </label>
      <p className="setting__hint" id={`${id}-hint`}>
        Each driver, and each remote server, has its own scope of instances. Switching shows what
        happens first; nothing is deleted, and everything comes back when you switch back.
      </p>
      <select
        id={id}
        data-testid="setting-local.driver"
        value={active ?? ''}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const chosen = event.target.value;
          // The select keeps showing the active target until the switch is confirmed.
          if (chosen !== active) ui.getState().setSwitchTarget(chosen);
        }}
      >
        {local.map((driver) => (
          <TargetOption key={driver.target} driver={driver} />
        ))}
        {remote.length > 0 ? (
          <optgroup label="Remote servers">
            {remote.map((driver) => (
              <TargetOption key={driver.target} driver={driver} />
            ))}
          </optgroup>
        ) : null}
      </select>
      <ul className="driver-cards">
        {list.map((driver) => (
          <li
            key={driver.target}
            className={`driver-card ${driver.target === active ? 'driver-card--active' : ''}`}
          >
            <DriverSummary driver={driver} />
          </li>
        ))}
      </ul>
    </div>
  );
}
