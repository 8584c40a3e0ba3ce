/** The home page: the active scope's instances, searchable, filterable, sortable, virtualised. */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { InstanceInfo } from '../../src-shared/api';
import { useBerth } from '../components/BerthProvider';
import { Spinner } from '../components/Icon';
import { useNow } from '../components/use-now';
import { useActiveDriverInfo } from '../drivers/use-active-driver';
import { EmptyScope } from './EmptyScope';
import { InstanceTable } from './InstanceTable';
import { ListToolbar } from './ListToolbar';
import { visibleInstances } from './list-view';

/** The instance list page. */
export function InstanceList() {
  const { instances, ui } = useBerth();
  const byName = useStore(instances, (s) => s.byName);
  const driver = useStore(instances, (s) => s.driver);
  const target = useStore(instances, (s) => s.target);
  const scope = useStore(instances, (s) => s.scope);
  const loaded = useStore(instances, (s) => s.loaded);
  const search = useStore(ui, (s) => s.search);
  const runningOnly = useStore(ui, (s) => s.runningOnly);
  const sort = useStore(ui, (s) => s.sort);
  const selectedNames = useStore(ui, (s) => s.selected);
  const now = useNow();
  // Only a cluster has members worth naming; elsewhere the location is absent or the host.
  const clustered = (useActiveDriverInfo()?.clusterMembers.length ?? 0) > 0;

  const all = useMemo(() => Object.values(byName), [byName]);
  const rows = useMemo(
    () => visibleInstances(all, { search, runningOnly, sort }),
    [all, search, runningOnly, sort],
  );
  const selected = useMemo(
    () => [...selectedNames].map((n) => byName[n]).filter((i): i is InstanceInfo => !!i),
    [selectedNames, byName],
  );

  if (!loaded || !driver || !target || !scope) {
    return (
      <p className="loading">
        <Spinner /> Loading the instances…
      </p>
    );
  }
  if (all.length === 0) return <EmptyScope target={target} scope={scope} />;

  return (
    <section className="list" aria-label="Instances">
      <ListToolbar
        selected={selected}
        driver={driver}
        shownCount={rows.length}
        totalCount={all.length}
      />
      <InstanceTable
        rows={rows}
        driver={driver}
        now={now}
        showLocation={clustered}
        empty={rows.length === 0 ? noMatches(search, runningOnly) : null}
      />
    </section>
  );
}

function noMatches(search: string, runningOnly: boolean): string {
  const needle = search.trim();
  const what = needle ? `No instance matches “${needle}”` : 'No instance matches';
  return `${what}${runningOnly ? ' among the running ones' : ''}.`;
}
