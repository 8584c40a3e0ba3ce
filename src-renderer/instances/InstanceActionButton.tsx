/** One instance action as a gated button: reason from the predicates, progress from pending. */
import { useStore } from 'zustand';
import type { InstanceInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { ACTION_SPECS, reasonFor, triggerAction, type UiAction } from '../actions/action-specs';
import { ActionButton } from '../components/ActionButton';
import { useBerth } from '../components/BerthProvider';

/** How the button is drawn where it sits. */
export interface InstanceActionButtonProps {
  instance: InstanceInfo;
  driver: DriverId;
  action: UiAction;
  iconOnly?: boolean;
  tooltipSide?: 'below' | 'left' | 'above';
  role?: 'menuitem';
  /** Runs before the action (a menu closes itself). */
  onBefore?: () => void;
}

/** The button `instance-<name>-<action>`. */
export function InstanceActionButton(props: InstanceActionButtonProps) {
  const { instance, driver, action } = props;
  const berth = useBerth();
  const pending = useStore(berth.pending, (s) => s.byName[instance.name]);
  const spec = ACTION_SPECS[action];
  const busy = pending?.action === action;

  return (
    <ActionButton
      testId={`instance-${instance.name}-${action}`}
      label={spec.label}
      icon={spec.icon}
      iconOnly={props.iconOnly}
      variant={props.iconOnly ? 'ghost' : spec.danger ? 'danger' : 'default'}
      tooltipSide={props.tooltipSide}
      role={props.role}
      reason={reasonFor(action, instance, driver)}
      busy={busy}
      busyLabel={`${spec.busyLabel} ${instance.name}…`}
      onClick={() => {
        props.onBefore?.();
        triggerAction(berth, instance.name, action);
      }}
    />
  );
}
