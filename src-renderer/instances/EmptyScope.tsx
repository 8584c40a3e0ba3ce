/** An empty scope says which driver's scope it is and what to do next. */
import { DRIVER_LABELS, type DriverId } from '../../src-shared/drivers';
import { ActionButton } from '../components/ActionButton';
import { useBerth } from '../components/BerthProvider';
import { Icon } from '../components/Icon';
import { useLaunchBlockReason } from '../components/TopBar';
import { useActiveDriverInfo } from '../drivers/use-active-driver';

/** The empty-scope message for `driver`'s scope `scope`. */
export function EmptyScope({ driver, scope }: { driver: DriverId; scope: string }) {
  const { ui } = useBerth();
  const info = useActiveDriverInfo();
  const launchBlocked = useLaunchBlockReason();
  const label = DRIVER_LABELS[driver];

  return (
    <section className="empty" data-testid="empty-scope" aria-labelledby="empty-title">
      <span className="empty__icon">
        <Icon name="server" size={32} />
      </span>
      <h2 id="empty-title">No instances in the {label} scope yet</h2>
      <p>
        You are looking at the {label} driver's scope (<code>{scope}</code>). Launch an instance
        from a disk image on this computer, or pick another driver in the top bar to see its
        instances; switching never deletes anything.
      </p>
      {info && !info.available ? (
        <p className="empty__problem" role="note">
          {label} cannot run here: {info.reason}
          {info.fix ? ` ${info.fix}` : ''}
        </p>
      ) : null}
      <ActionButton
        testId="empty-scope-launch"
        label="Launch an instance"
        icon="plus"
        variant="primary"
        reason={launchBlocked}
        onClick={() => ui.getState().setLaunchOpen(true)}
      />
    </section>
  );
}
