/**
 * A button gated by a reason: when blocked it stays visible and focusable (aria-disabled, not
 * disabled) and explains why in its title and in a tooltip shown on hover and focus.
 */
import { type ReactNode, useId } from 'react';
import { Icon, type IconName, Spinner } from './Icon';

/** How a gated button looks and where its tooltip opens. */
export interface ActionButtonProps {
  testId: string;
  label: string;
  /** Why the action cannot be taken now, or null when it can. */
  reason: string | null;
  onClick(): void;
  /** Progress: the action runs; the button shows a spinner and refuses clicks. */
  busy?: boolean;
  busyLabel?: string;
  icon?: IconName;
  /** Icon only, with the label in the tooltip and as the accessible name. */
  iconOnly?: boolean;
  variant?: 'default' | 'primary' | 'danger' | 'ghost';
  tooltipSide?: 'below' | 'left' | 'above';
  role?: 'menuitem';
  children?: ReactNode;
}

/** One gated action button. */
export function ActionButton(props: ActionButtonProps) {
  const { testId, label, reason, busy = false, icon, iconOnly = false, role } = props;
  const tipId = useId();
  const blocked = reason !== null || busy;
  const explanation = busy ? (props.busyLabel ?? `${label}…`) : reason;
  const tip = explanation ?? (iconOnly ? label : null);
  const classes = [
    'btn',
    `btn--${props.variant ?? 'default'}`,
    iconOnly ? 'btn--icon' : '',
    role === 'menuitem' ? 'btn--menuitem' : '',
  ];

  return (
    <span className={`gated gated--${props.tooltipSide ?? 'below'}`}>
      <button
        type="button"
        role={role}
        className={classes.filter(Boolean).join(' ')}
        data-testid={testId}
        aria-label={iconOnly ? label : undefined}
        aria-disabled={blocked || undefined}
        aria-busy={busy || undefined}
        aria-describedby={explanation ? tipId : undefined}
        title={explanation ?? undefined}
        onClick={(event) => {
          // aria-disabled keeps the button focusable for its tooltip, so refuse the click here.
          if (blocked) {
            event.preventDefault();
            return;
          }
          props.onClick();
        }}
      >
        {busy ? <Spinner /> : icon ? <Icon name={icon} /> : null}
        {iconOnly ? null : <span className="btn__label">{label}</span>}
        {props.children}
      </button>
      {tip ? (
        <span role="tooltip" id={tipId} className="tooltip">
          {tip}
        </span>
      ) : null}
    </span>
  );
}
