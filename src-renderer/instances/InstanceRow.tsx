/** One row of the instance list: selection, name, state, resources, address, age, actions. */
import { memo } from 'react';
import { useStore } from 'zustand';
import type { InstanceInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { rowActions } from '../actions/action-specs';
import { useBerth } from '../components/BerthProvider';
import { StateBadge } from '../components/StateBadge';
import { formatAge, formatBytes, formatIpv4, imageName } from '../format';
import { InstanceActionButton } from './InstanceActionButton';
import { RowMenu } from './RowMenu';

function rowClass(selected: boolean, deleted: boolean): string {
  return ['row', selected ? 'row--selected' : '', deleted ? 'row--deleted' : ''].join(' ').trim();
}

/** What a row needs; `top` is its offset in the virtual list, in pixels. */
export interface InstanceRowProps {
  instance: InstanceInfo;
  driver: DriverId;
  selected: boolean;
  index: number;
  top: number;
  now: number;
  /** Shows the cluster member the instance runs on under its name. */
  showLocation: boolean;
}

/** The row `instance-<name>`. */
export const InstanceRow = memo(function InstanceRow(props: InstanceRowProps) {
  const { instance, driver, selected } = props;
  const { ui, pending } = useBerth();
  const busy = useStore(pending, (s) => s.byName[instance.name] !== undefined);
  const name = instance.name;

  return (
    <tr
      className={rowClass(selected, instance.deleted)}
      data-testid={`instance-${name}`}
      aria-rowindex={props.index + 2}
      aria-selected={selected}
      style={{ transform: `translateY(${props.top}px)` }}
    >
      <td className="cell cell--select">
        <input
          type="checkbox"
          data-testid={`instance-${name}-select`}
          aria-label={`Select ${name}`}
          checked={selected}
          onChange={() => ui.getState().toggleSelected(name)}
        />
      </td>
      <td className="cell cell--name">
        <button
          type="button"
          className="link"
          data-testid={`instance-${name}-open`}
          title={`Open ${name}`}
          onClick={() => ui.getState().show({ page: 'instance', name })}
        >
          {name}
        </button>
        {props.showLocation && instance.location ? (
          <span className="cell__sub" data-testid={`instance-${name}-location`}>
            <span className="sr-only">on cluster member </span>
            {instance.location}
          </span>
        ) : null}
      </td>
      <td className="cell">
        <StateBadge instance={instance} busy={busy} />
      </td>
      <td className="cell cell--muted" title={instance.image.source}>
        {imageName(instance.image.source)}
        {instance.image.kind === 'kernel' ? <span className="tag tag--small">kernel</span> : null}
        {instance.instanceType === 'container' ? (
          <span className="tag tag--small">container</span>
        ) : null}
      </td>
      <td className="cell cell--num">{instance.cpus}</td>
      <td className="cell cell--num">{formatBytes(instance.memoryBytes)}</td>
      <td className="cell cell--num">{formatBytes(instance.diskBytes)}</td>
      <td className="cell cell--mono">{formatIpv4(instance.ipv4)}</td>
      <td className="cell cell--muted" title={instance.createdAt}>
        {formatAge(instance.createdAt, props.now)}
      </td>
      <td className="cell cell--actions">
        {rowActions(instance).map((action) => (
          <InstanceActionButton
            key={action}
            instance={instance}
            driver={driver}
            action={action}
            iconOnly
            tooltipSide="left"
          />
        ))}
        <RowMenu instance={instance} driver={driver} />
      </td>
    </tr>
  );
});
