/** The Berth window: top bar, navigation, the current page, tasks, notifications and dialogs. */
import { useStore } from 'zustand';
import { DriverPreviewDialog } from '../drivers/DriverPreviewDialog';
import { InstancePage } from '../instance-page/InstancePage';
import { TakeSnapshotDialog } from '../instance-page/TakeSnapshotDialog';
import { InstanceList } from '../instances/InstanceList';
import { LaunchDialog } from '../launch/LaunchDialog';
import { SettingsPage } from '../settings/SettingsPage';
import type { Berth } from '../stores/berth';
import { BerthProvider, useBerth } from './BerthProvider';
import { ConfirmDialog } from './ConfirmDialog';
import { ConnectionBanner } from './ConnectionBanner';
import { NavTabs } from './NavTabs';
import { Notifications } from './Notifications';
import { TaskArea } from './TaskArea';
import { ThemeSync } from './ThemeSync';
import { TopBar } from './TopBar';

function CurrentPage() {
  const { ui } = useBerth();
  const view = useStore(ui, (s) => s.view);
  if (view.page === 'settings') return <SettingsPage />;
  if (view.page === 'instance') return <InstancePage key={view.name} name={view.name} />;
  return <InstanceList />;
}

function Dialogs() {
  const { ui } = useBerth();
  const launchOpen = useStore(ui, (s) => s.launchOpen);
  const switchTarget = useStore(ui, (s) => s.switchTarget);
  const snapshotFor = useStore(ui, (s) => s.snapshotFor);
  return (
    <>
      {launchOpen ? <LaunchDialog /> : null}
      {switchTarget ? <DriverPreviewDialog key={switchTarget} target={switchTarget} /> : null}
      {snapshotFor ? <TakeSnapshotDialog instance={snapshotFor} /> : null}
      <ConfirmDialog />
    </>
  );
}

/** The whole window over `berth` (built by createBerth over a transport). */
export function App({ berth }: { berth: Berth }) {
  return (
    <BerthProvider berth={berth}>
      <ThemeSync />
      <div className="app">
        <TopBar />
        <ConnectionBanner />
        <div className="app__body">
          <NavTabs />
          <main className="app__main">
            <CurrentPage />
          </main>
        </div>
        <TaskArea />
      </div>
      <Notifications />
      <Dialogs />
    </BerthProvider>
  );
}
