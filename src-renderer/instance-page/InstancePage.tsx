/** One instance: state and actions, details, resources, snapshots, devices and the console. */
import { useStore } from 'zustand';
import { pageActions } from '../actions/action-specs';
import { useBerth } from '../components/BerthProvider';
import { Icon } from '../components/Icon';
import { StateBadge } from '../components/StateBadge';
import { InstanceActionButton } from '../instances/InstanceActionButton';
import { ConsolePanel } from './ConsolePanel';
import { DetailsPanel } from './DetailsPanel';
import { DevicesPanel } from './DevicesPanel';
import { SnapshotsPanel } from './SnapshotsPanel';

function BackButton() {
  const { ui } = useBerth();
  return (
    <button
      type="button"
      className="btn btn--ghost back"
      onClick={() => ui.getState().show({ page: 'instances' })}
    >
      <Icon name="back" />
      Instances
    </button>
  );
}

/** The page of instance `name`. */
export function InstancePage({ name }: { name: string }) {
  const { instances, pending } = useBerth();
  const instance = useStore(instances, (s) => s.byName[name]);
  const driver = useStore(instances, (s) => s.driver);
  const scope = useStore(instances, (s) => s.scope);
  const busy = useStore(pending, (s) => s.byName[name] !== undefined);

  if (!instance || !driver) {
    return (
      <section className="page">
        <BackButton />
        <p className="muted">
          {name} is not in the {scope ?? 'active'} scope any more.
        </p>
      </section>
    );
  }

  return (
    <section className="page" aria-labelledby="instance-title">
      <div className="page__head">
        <BackButton />
        <h1 id="instance-title">{name}</h1>
        <StateBadge instance={instance} busy={busy} />
      </div>
      <div className="page__actions" role="toolbar" aria-label={`Actions for ${name}`}>
        {pageActions(instance).map((action) => (
          <InstanceActionButton key={action} instance={instance} driver={driver} action={action} />
        ))}
      </div>
      <div className="page__grid">
        <DetailsPanel instance={instance} />
        <SnapshotsPanel instance={instance} driver={driver} />
        <DevicesPanel instance={instance} driver={driver} />
        <ConsolePanel instance={instance} />
      </div>
    </section>
  );
}
