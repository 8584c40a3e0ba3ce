/**
 * The top bar's driver picker: this computer's drivers, then the remote servers, each its own
 * scope. Choosing another target opens the switch preview.
 */
import { type ReactNode, useCallback, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { DriverInfo } from '../../src-shared/api';
import { targetLabel } from '../../src-shared/targets';
import { useBerth } from '../components/BerthProvider';
import { Icon } from '../components/Icon';
import { Popover } from '../components/Popover';
import { DriverSummary } from './DriverSummary';
import { splitByPlace } from './driver-groups';
import { useActiveDriverInfo, useActiveTarget } from './use-active-driver';

function DriverOption(props: {
  driver: DriverInfo;
  active: string | null;
  onChoose(target: string): void;
}) {
  const { driver } = props;
  return (
    <button
      type="button"
      role="menuitemradio"
      aria-checked={driver.target === props.active}
      className="picker__option"
      data-testid={`driver-option-${driver.target}`}
      onClick={() => props.onChoose(driver.target)}
    >
      <DriverSummary driver={driver} />
    </button>
  );
}

/** A labelled group of options in the menu (a fieldset is a group its legend names). */
function OptionGroup(props: { title: string; children: ReactNode }) {
  return (
    <fieldset className="picker__group">
      <legend className="picker__heading">{props.title}</legend>
      {props.children}
    </fieldset>
  );
}

/** The picker's menu: local drivers, remote servers, and the way to add a remote. */
function PickerMenu(props: {
  active: string | null;
  onChoose(target: string): void;
  onManage(): void;
}) {
  const { drivers } = useBerth();
  const list = useStore(drivers, (s) => s.drivers);
  const { local, remote } = splitByPlace(list);
  const option = (driver: DriverInfo) => (
    <DriverOption
      key={driver.target}
      driver={driver}
      active={props.active}
      onChoose={props.onChoose}
    />
  );

  if (list.length === 0) return <p className="muted">Loading the drivers…</p>;
  return (
    <>
      <OptionGroup title="This computer">{local.map(option)}</OptionGroup>
      <OptionGroup title="Remote servers">
        {remote.map(option)}
        <button
          type="button"
          role="menuitem"
          className="btn btn--ghost btn--menuitem picker__manage"
          data-testid="driver-manage-remotes"
          onClick={props.onManage}
        >
          <Icon name="plus" />
          <span className="btn__label">
            {remote.length === 0 ? 'Add a remote LXD server…' : 'Manage remote servers…'}
          </span>
        </button>
      </OptionGroup>
    </>
  );
}

/** The picker button and its menu. */
export function DriverPicker() {
  const berth = useBerth();
  const active = useActiveTarget();
  const activeInfo = useActiveDriverInfo();
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  const label = activeInfo?.label ?? (active ? targetLabel(active) : null);

  const choose = (target: string) => {
    setOpen(false);
    if (target !== active) berth.ui.getState().setSwitchTarget(target);
  };
  const manage = () => {
    setOpen(false);
    berth.ui.getState().show({ page: 'settings' });
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
        aria-label={`Driver: ${label ?? 'loading'}. Choose another driver`}
        onClick={() => {
          // Availability can change (a daemon started, a package installed): probe on open.
          if (!open) void berth.refreshDrivers(true);
          setOpen(!open);
        }}
      >
        <Icon name="server" />
        <span className="picker__label">{label ?? '…'}</span>
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
          <PickerMenu active={active} onChoose={choose} onManage={manage} />
        </Popover>
      ) : null}
    </>
  );
}
