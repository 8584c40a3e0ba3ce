/** The instance's native mounts: the list with Remove, and a form to share another folder. */
import { useState } from 'react';
import type { InstanceInfo } from '../../src-shared/api';
import { ActionButton } from '../components/ActionButton';
import { useBerth } from '../components/BerthProvider';
import { Spinner } from '../components/Icon';
import { addMount, removeMount } from '../devices/device-actions';
import { guestPathProblem, hostFolderProblem } from '../devices/device-rules';
import { useDeviceList } from '../devices/use-device-list';
import type { DeviceGates } from './device-gates';

function AddMountForm(props: {
  instance: string;
  taken: readonly string[];
  reason: string | null;
  onAdded(): Promise<void>;
}) {
  const berth = useBerth();
  const [source, setSource] = useState('');
  const [target, setTarget] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const sourceProblem = hostFolderProblem(source.trim());
  const targetProblem = guestPathProblem(target.trim(), props.taken);
  const show = (problem: string | null, text: string) => (tried || text !== '' ? problem : null);

  const submit = async () => {
    setTried(true);
    if (sourceProblem || targetProblem) return;
    setBusy(true);
    const added = await addMount(berth, props.instance, source.trim(), target.trim());
    setBusy(false);
    if (!added) return;
    setSource('');
    setTarget('');
    setTried(false);
    await props.onAdded();
  };

  return (
    <div className="device-form">
      <span className="device-form__caption" aria-hidden="true">
        Folder on this computer
      </span>
      <span />
      <span className="device-form__caption" aria-hidden="true">
        Path in the instance
      </span>
      <span />
      <input
        aria-label="Host folder to share"
        data-testid="mount-source"
        placeholder="/home/me/project"
        spellCheck={false}
        value={source}
        aria-invalid={show(sourceProblem, source) ? true : undefined}
        onChange={(event) => setSource(event.target.value)}
      />
      <span className="device-row__arrow" aria-hidden="true">
        →
      </span>
      <input
        aria-label="Path in the instance"
        data-testid="mount-target"
        placeholder="/mnt/project"
        spellCheck={false}
        value={target}
        aria-invalid={show(targetProblem, target) ? true : undefined}
        onChange={(event) => setTarget(event.target.value)}
      />
      <ActionButton
        testId="mount-add"
        label="Add mount"
        icon="plus"
        tooltipSide="left"
        reason={props.reason}
        busy={busy}
        busyLabel="Adding the mount…"
        onClick={() => void submit()}
      />
      <span className="field__problem" role="status">
        {show(sourceProblem, source) ?? show(targetProblem, target) ?? ''}
      </span>
    </div>
  );
}

/** The mounts part of the "Mounts & networks" panel. */
export function MountsSection({ instance, gates }: { instance: InstanceInfo; gates: DeviceGates }) {
  const berth = useBerth();
  const name = instance.name;
  const list = useDeviceList('mounts.list', name, gates.mountUnavailable === null);
  const [removing, setRemoving] = useState<string | null>(null);

  const remove = async (target: string) => {
    setRemoving(target);
    if (await removeMount(berth, name, target)) await list.reload();
    setRemoving(null);
  };

  return (
    <div className="devices-part" data-testid="mounts">
      <h3>Mounts</h3>
      {gates.mountUnavailable ? <p className="muted">{gates.mountUnavailable}.</p> : null}
      {list.error ? <p className="text-error">Could not list the mounts: {list.error}</p> : null}
      {!gates.mountUnavailable && !list.items && !list.error ? (
        <p className="muted">
          <Spinner /> Loading the mounts…
        </p>
      ) : null}
      {list.items?.length === 0 ? <p className="muted">No folders shared yet.</p> : null}
      {list.items && list.items.length > 0 ? (
        <ul className="devices-list">
          {list.items.map((mount) => (
            <li key={mount.target} className="device" data-testid={`mount-${mount.target}`}>
              <code className="device__text wrap">
                {mount.source} → {mount.target}
              </code>
              <ActionButton
                testId={`mount-${mount.target}-remove`}
                label="Remove"
                variant="danger"
                tooltipSide="left"
                reason={gates.mount}
                busy={removing === mount.target}
                busyLabel={`Removing ${mount.target}…`}
                onClick={() => void remove(mount.target)}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {gates.mountUnavailable ? (
        // Visible but refused, so nobody looks for the feature elsewhere.
        <ActionButton
          testId="mount-add"
          label="Add mount"
          icon="plus"
          reason={gates.mount}
          onClick={() => undefined}
        />
      ) : (
        <AddMountForm
          instance={name}
          taken={(list.items ?? []).map((m) => m.target)}
          reason={gates.mount}
          onAdded={list.reload}
        />
      )}
    </div>
  );
}
