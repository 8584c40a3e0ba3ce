/** The row's "more" menu: the actions that do not fit on the row, Force stop among them. */
import { useCallback, useRef, useState } from 'react';
import type { InstanceInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { rowMenuActions } from '../actions/action-specs';
import { useBerth } from '../components/BerthProvider';
import { Icon } from '../components/Icon';
import { Popover } from '../components/Popover';
import { InstanceActionButton } from './InstanceActionButton';

/** The menu button `instance-<name>-menu` and its popover. */
export function RowMenu({ instance, driver }: { instance: InstanceInfo; driver: DriverId }) {
  const { ui } = useBerth();
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  const name = instance.name;

  return (
    <>
      <button
        ref={anchor}
        type="button"
        className="btn btn--ghost btn--icon"
        data-testid={`instance-${name}-menu`}
        aria-label={`More actions for ${name}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Icon name="more" />
      </button>
      {open ? (
        <Popover anchor={anchor} onClose={close} align="end" label={`Actions for ${name}`}>
          <button
            type="button"
            role="menuitem"
            className="btn btn--ghost btn--menuitem"
            onClick={() => {
              close();
              ui.getState().show({ page: 'instance', name });
            }}
          >
            <Icon name="info" />
            <span className="btn__label">Details, snapshots and console</span>
          </button>
          {rowMenuActions(instance).map((action) => (
            <InstanceActionButton
              key={action}
              instance={instance}
              driver={driver}
              action={action}
              role="menuitem"
              tooltipSide="left"
              onBefore={close}
            />
          ))}
        </Popover>
      ) : null}
    </>
  );
}
