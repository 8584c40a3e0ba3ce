/** An empty scope says which driver's (or remote server's) scope it is and what to do next. */
import { targetLabel } from '../../src-shared/targets';
import { ActionButton } from '../components/ActionButton';
import { useBerth } from '../components/BerthProvider';
import { Icon } from '../components/Icon';
import { useLaunchBlockReason } from '../components/TopBar';
import { useActiveDriverInfo } from '../drivers/use-active-driver';

function Where({ label, scope, url }: { label: string; scope: string; url: string | null }) {
  if (url) {
    return (
      <p>
        You are looking at the scope of the remote server {label} (<code>{url}</code>). Launch an
        instance from an image file on this computer (Berth uploads it to the server), or pick
        another driver in the top bar; switching never deletes anything.
      </p>
    );
  }
  return (
    <p>
      You are looking at the {label} driver's scope (<code>{scope}</code>). Launch an instance from
      a disk image on this computer, or pick another driver in the top bar to see its instances;
      switching never deletes anything.
    </p>
  );
}

/** The empty-scope message for the active target `target` and its scope `scope`. */
export function EmptyScope({ target, scope }: { target: string; scope: string }) {
  const { ui } = useBerth();
  const info = useActiveDriverInfo();
  const launchBlocked = useLaunchBlockReason();
  const label = info?.label ?? targetLabel(target);

  return (
    <section className="empty" data-testid="empty-scope" aria-labelledby="empty-title">
      <span className="empty__icon">
        <Icon name="server" size={32} />
      </span>
      <h2 id="empty-title">No instances in the {label} scope yet</h2>
      <Where label={label} scope={scope} url={info?.remote?.url ?? null} />
      {info && !info.available ? (
        <p className="empty__problem" role="note">
          {label} {info.remote ? 'cannot be used now' : 'cannot run here'}: {info.reason}
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
