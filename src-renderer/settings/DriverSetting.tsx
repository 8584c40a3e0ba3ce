/** The driver setting: a select that opens the switch preview, and every driver's details. */
import { useEffect, useId } from 'react';
import { useStore } from 'zustand';
import { isDriverId } from '../../src-shared/drivers';
import { useBerth } from '../components/BerthProvider';
import { DriverSummary } from '../drivers/DriverSummary';
import { useActiveDriver } from '../drivers/use-active-driver';

/** The select `setting-local.driver` and the driver cards. */
export function DriverSetting() {
  const berth = useBerth();
  const { drivers, ui } = berth;
  const list = useStore(drivers, (s) => s.drivers);
  const active = useActiveDriver();
  const id = useId();
  // The cards show availability; probe again whenever the page is opened.
  useEffect(() => void berth.refreshDrivers(true), [berth]);

  return (
    <div className="setting">
      <label className="setting__label" htmlFor={id}>
        Driver
      </label>
      <p className="setting__hint" id={`${id}-hint`}>
        Each driver has its own scope of instances. Switching shows what happens first; nothing is
        deleted, and everything comes back when you switch back.
      </p>
      <select
        id={id}
        data-testid="setting-local.driver"
        value={active ?? ''}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const chosen = event.target.value;
          // The select keeps showing the active driver until the switch is confirmed.
          if (isDriverId(chosen) && chosen !== active) ui.getState().setSwitchTarget(chosen);
        }}
      >
        {list.map((driver) => (
          <option key={driver.id} value={driver.id}>
            {driver.label}
            {driver.available ? '' : ' (not available)'}
          </option>
        ))}
      </select>
      <ul className="driver-cards">
        {list.map((driver) => (
          <li
            key={driver.id}
            className={`driver-card ${driver.isActive ? 'driver-card--active' : ''}`}
          >
            <DriverSummary driver={driver} />
          </li>
        ))}
      </ul>
    </div>
  );
}
