/** The top bar: the app's name, the active scope, the driver picker and the launch button. */
import { useStore } from 'zustand';
import { DriverPicker } from '../drivers/DriverPicker';
import { useActiveDriverInfo } from '../drivers/use-active-driver';
import { ActionButton } from './ActionButton';
import { useBerth } from './BerthProvider';

/** Why launching is not possible with the active driver, or null. */
export function useLaunchBlockReason(): string | null {
  const driver = useActiveDriverInfo();
  if (!driver || driver.available) return null;
  if (driver.remote) return `${driver.label} cannot be used now: ${driver.reason ?? 'no answer'}`;
  return `${driver.label} cannot run on this computer: ${driver.reason ?? 'it is not installed'}`;
}

/** The top bar. */
export function TopBar() {
  const { instances, ui } = useBerth();
  const scope = useStore(instances, (s) => s.scope);
  const launchBlocked = useLaunchBlockReason();

  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true" />
        <span className="brand__name">Berth</span>
      </div>
      <div className="topbar__spacer" />
      <span className="scope-label" data-testid="active-scope">
        Scope <code>{scope ?? '…'}</code>
      </span>
      <DriverPicker />
      <ActionButton
        testId="launch-open"
        label="Launch"
        icon="plus"
        variant="primary"
        reason={launchBlocked}
        onClick={() => ui.getState().setLaunchOpen(true)}
      />
    </header>
  );
}
