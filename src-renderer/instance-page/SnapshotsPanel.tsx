/** The instance's snapshots, each with Restore and Delete gated by the shared predicates. */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { InstanceInfo, SnapshotInfo } from '../../src-shared/api';
import { hasCapability, missingCapabilityReason } from '../../src-shared/capabilities';
import type { DriverId } from '../../src-shared/drivers';
import { actionBlockReason } from '../../src-shared/predicates';
import { askDeleteSnapshot, askRestore, loadSnapshots } from '../actions/snapshot-actions';
import { ActionButton } from '../components/ActionButton';
import { useBerth } from '../components/BerthProvider';
import { Spinner } from '../components/Icon';
import { formatDateTime } from '../format';

function SnapshotRow(props: { instance: InstanceInfo; driver: DriverId; snapshot: SnapshotInfo }) {
  const { instance, driver, snapshot } = props;
  const berth = useBerth();
  const pending = useStore(berth.pending, (s) => s.byName[instance.name]?.action);
  const id = `snapshot-${instance.name}-${snapshot.name}`;
  return (
    <li className="snapshot" data-testid={id}>
      <div className="snapshot__text">
        <strong>{snapshot.name}</strong>
        <span className="muted">{formatDateTime(snapshot.createdAt)}</span>
        {snapshot.comment ? <span>{snapshot.comment}</span> : null}
      </div>
      <ActionButton
        testId={`${id}-restore`}
        label="Restore"
        icon="recover"
        reason={actionBlockReason('restore', instance, driver)}
        busy={pending === `restore:${snapshot.name}`}
        busyLabel={`Restoring ${snapshot.name}`}
        onClick={() => askRestore(berth, instance.name, snapshot.name)}
      />
      <ActionButton
        testId={`${id}-delete`}
        label="Delete"
        icon="delete"
        variant="danger"
        reason={actionBlockReason('deleteSnapshot', instance, driver)}
        busy={pending === `delete-snapshot:${snapshot.name}`}
        busyLabel={`Deleting ${snapshot.name}`}
        onClick={() => askDeleteSnapshot(berth, instance.name, snapshot.name)}
      />
    </li>
  );
}

/** The snapshots panel. */
export function SnapshotsPanel(props: { instance: InstanceInfo; driver: DriverId }) {
  const { instance, driver } = props;
  const berth = useBerth();
  const list = useStore(berth.snapshots, (s) => s.byInstance[instance.name]);
  const supported = hasCapability(driver, 'snapshots');
  const { name, snapshotCount } = instance;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new count means a changed list.
  useEffect(() => {
    if (supported) void loadSnapshots(berth, name);
  }, [berth, name, supported, snapshotCount]);

  return (
    <section className="panel" aria-labelledby="snapshots-title">
      <h2 id="snapshots-title">Snapshots</h2>
      {supported ? null : <p className="muted">{missingCapabilityReason(driver, 'snapshots')}.</p>}
      {supported && !list ? (
        <p className="muted">
          <Spinner /> Loading the snapshots…
        </p>
      ) : null}
      {supported && list?.length === 0 ? (
        <p className="muted">
          No snapshots yet. Stop the instance and use Snapshot above to keep its disk as it is.
        </p>
      ) : null}
      {list && list.length > 0 ? (
        <ul className="snapshots">
          {list.map((snapshot) => (
            <SnapshotRow
              key={snapshot.name}
              instance={instance}
              driver={driver}
              snapshot={snapshot}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
