/** The top bar's driver picker: every driver of this computer; another one opens the preview. */
import { useCallback, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { DRIVER_LABELS, type DriverId } from '../../src-shared/drivers';
import { useBerth } from '../components/BerthProvider';
import { Icon } from '../components/Icon';
import { Popover } from '../components/Popover';
import { DriverSummary } from './DriverSummary';
import { useActiveDriver } from './use-active-driver';

/** The picker button and its menu. */
export function DriverPicker() {
  const berth = useBerth();
  const { drivers, ui } = berth;
  const list = useStore(drivers, (s) => s.drivers);
  const active = useActiveDriver();
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);

  const choose = (id: DriverId) => {
    setOpen(false);
    if (id !== active) ui.getState().setSwitchTarget(id);
  };

  return (
    <>
      <button
        ref={anchor}
        type="button"
        className="btn btn--default picker"
        data-testid="driver-picker"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Driver: ${active ? DRIVER_LABELS[active] : 'loading'}. Choose another driver`}
        onClick={() => {
          // Availability can change (a daemon started, a package installed): probe on open.
          if (!open) void berth.refreshDrivers(true);
          setOpen(!open);
        }}
      >
        <Icon name="server" />
        <span className="picker__label">{active ? DRIVER_LABELS[active] : '…'}</span>
        <Icon name="chevron" />
      </button>
      {open ? (
        <Popover
          anchor={anchor}
          onClose={close}
          align="end"
          label="Drivers"
          className="picker__menu"
        >
          {list.length === 0 ? <p className="muted">Loading the drivers…</p> : null}
          {list.map((driver) => (
            <button
              key={driver.id}
              type="button"
              role="menuitemradio"
              aria-checked={driver.id === active}
              className="picker__option"
              data-testid={`driver-option-${driver.id}`}
              onClick={() => choose(driver.id)}
            >
              <DriverSummary driver={driver} />
            </button>
          ))}
        </Popover>
      ) : null}
    </>
  );
}
