/** The remote servers: each with its URL, pinned fingerprint and date, Remove, and Add. */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { DriverInfo, RemoteInfo } from '../../src-shared/api';
import { ActionButton } from '../components/ActionButton';
import { useBerth } from '../components/BerthProvider';
import { useActiveTarget } from '../drivers/use-active-driver';
import { formatDate } from '../format';
import { AddRemoteForm } from './AddRemoteForm';
import { askRemoveRemote } from './remote-actions';

/** The first 12 hex digits, in groups of four, as people compare fingerprints. */
function shortFingerprint(hex: string): string {
  return (hex.slice(0, 12).match(/.{1,4}/g) ?? []).join(' ');
}

function RemoteRow(props: { remote: RemoteInfo; info: DriverInfo | null; active: boolean }) {
  const { remote, info, active } = props;
  const berth = useBerth();
  const id = `remote-${remote.name}`;
  const count = info?.instanceCount ?? 0;
  const blocked = active
    ? `${remote.target} is the active driver; switch to another driver before removing it`
    : null;

  return (
    <li className="remote" data-testid={id}>
      <div className="remote__text">
        <span className="remote__head">
          <strong>{remote.name}</strong>
          <code className="tag">{remote.target}</code>
          {active ? <span className="tag tag--active">Active</span> : null}
        </span>
        <code className="remote__url">{remote.url}</code>
        <span className="muted small">
          Fingerprint{' '}
          <code title={`SHA-256 ${remote.serverFingerprint}`}>
            {shortFingerprint(remote.serverFingerprint)}…
          </code>{' '}
          · added {formatDate(remote.addedAt)}
          {info ? ` · ${count} ${count === 1 ? 'instance' : 'instances'}` : ''}
        </span>
      </div>
      <ActionButton
        testId={`${id}-remove`}
        label="Remove"
        icon="delete"
        variant="danger"
        tooltipSide="left"
        reason={blocked}
        onClick={() => askRemoveRemote(berth, remote, count)}
      />
    </li>
  );
}

/** The "Remote servers" setting. */
export function RemotesSection() {
  const berth = useBerth();
  const remotes = useStore(berth.remotes, (s) => s.remotes);
  const loaded = useStore(berth.remotes, (s) => s.loaded);
  const drivers = useStore(berth.drivers, (s) => s.drivers);
  const active = useActiveTarget();
  const [adding, setAdding] = useState(false);

  return (
    <div className="setting" data-testid="remotes">
      <h2 className="setting__label" id="remotes-title">
        Remote servers
      </h2>
      <p className="setting__hint">
        LXD servers and clusters on other machines. Each one is a scope of its own in the driver
        picker; removing one here never touches the instances on the server.
      </p>
      {loaded && remotes.length === 0 ? (
        <p className="muted" data-testid="remotes-empty">
          No remote servers yet.
        </p>
      ) : null}
      {remotes.length > 0 ? (
        <ul className="remotes">
          {remotes.map((remote) => (
            <RemoteRow
              key={remote.name}
              remote={remote}
              info={drivers.find((d) => d.target === remote.target) ?? null}
              active={remote.target === active}
            />
          ))}
        </ul>
      ) : null}
      {adding ? (
        <AddRemoteForm onDone={() => setAdding(false)} />
      ) : (
        <button
          type="button"
          className="btn btn--default remotes__add"
          data-testid="remote-add-open"
          onClick={() => setAdding(true)}
        >
          Add a remote server…
        </button>
      )}
    </div>
  );
}
