/** The left navigation between the instance list and the settings page. */
import { useStore } from 'zustand';
import { useBerth } from './BerthProvider';
import { Icon } from './Icon';

/** The navigation rail. */
export function NavTabs() {
  const { ui, instances } = useBerth();
  const page = useStore(ui, (s) => s.view.page);
  const count = useStore(instances, (s) => Object.keys(s.byName).length);
  const onInstances = page !== 'settings';

  return (
    <nav className="nav" aria-label="Sections">
      <button
        type="button"
        className="nav__item"
        data-testid="nav-instances"
        aria-current={onInstances ? 'page' : undefined}
        onClick={() => ui.getState().show({ page: 'instances' })}
      >
        <Icon name="server" />
        <span>Instances</span>
        <span className="nav__count">{count}</span>
      </button>
      <button
        type="button"
        className="nav__item"
        data-testid="nav-settings"
        aria-current={onInstances ? undefined : 'page'}
        onClick={() => ui.getState().show({ page: 'settings' })}
      >
        <Icon name="settings" />
        <span>Settings</span>
      </button>
    </nav>
  );
}
