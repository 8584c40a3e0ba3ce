/** Above the list: search, the running-only filter, and the bulk actions on the selection. */
import { useStore } from 'zustand';
import type { InstanceInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { ACTION_SPECS } from '../actions/action-specs';
import { requestAction } from '../actions/requests';
import { ActionButton } from '../components/ActionButton';
import { useBerth } from '../components/BerthProvider';
import { Icon } from '../components/Icon';
import { BULK_ACTIONS, bulkPlan } from './bulk';

/** The toolbar; `selected` are the selected instances still in the scope. */
export function ListToolbar(props: {
  selected: readonly InstanceInfo[];
  driver: DriverId;
  shownCount: number;
  totalCount: number;
}) {
  const berth = useBerth();
  const search = useStore(berth.ui, (s) => s.search);
  const runningOnly = useStore(berth.ui, (s) => s.runningOnly);
  const { selected, driver } = props;

  return (
    <div className="toolbar" role="toolbar" aria-label="Instance list">
      <label className="search">
        <Icon name="search" />
        <span className="sr-only">Search instances</span>
        <input
          type="search"
          data-testid="instance-search"
          placeholder="Search name, image, address, state"
          value={search}
          onChange={(event) => berth.ui.getState().setSearch(event.target.value)}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          data-testid="filter-running"
          checked={runningOnly}
          onChange={(event) => berth.ui.getState().setRunningOnly(event.target.checked)}
        />
        Running only
      </label>
      <span className="toolbar__count" aria-live="polite">
        {props.shownCount === props.totalCount
          ? `${props.totalCount} ${props.totalCount === 1 ? 'instance' : 'instances'}`
          : `${props.shownCount} of ${props.totalCount} instances`}
        {selected.length > 0 ? ` · ${selected.length} selected` : ''}
      </span>
      <div className="toolbar__bulk">
        {BULK_ACTIONS.map((action) => {
          const plan = bulkPlan(action, selected, driver);
          const spec = ACTION_SPECS[action];
          const count = plan.names.length > 0 ? ` (${plan.names.length})` : '';
          return (
            <ActionButton
              key={action}
              testId={`bulk-${action}`}
              label={`${spec.label}${count}`}
              icon={spec.icon}
              variant={spec.danger ? 'danger' : 'default'}
              reason={plan.reason}
              tooltipSide="below"
              onClick={() => requestAction(berth, plan.names, action)}
            />
          );
        })}
      </div>
    </div>
  );
}
