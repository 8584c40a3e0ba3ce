/** The instance's extra NICs: the list with Remove, and a form to add one on a host bridge. */
import { useState } from 'react';
import type { InstanceInfo } from '../../src-shared/api';
import { ActionButton } from '../components/ActionButton';
import { useBerth } from '../components/BerthProvider';
import { Spinner } from '../components/Icon';
import { addNetwork, removeNetwork } from '../devices/device-actions';
import { bridgeProblem } from '../devices/device-rules';
import { useDeviceList } from '../devices/use-device-list';
import type { DeviceGates } from './device-gates';

function AddNetworkForm(props: {
  instance: string;
  reason: string | null;
  onAdded(): Promise<void>;
}) {
  const berth = useBerth();
  const [bridge, setBridge] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const problem = bridgeProblem(bridge.trim());
  const shown = tried || bridge !== '' ? problem : null;

  const submit = async () => {
    setTried(true);
    if (problem) return;
    setBusy(true);
    const added = await addNetwork(berth, props.instance, bridge.trim());
    setBusy(false);
    if (!added) return;
    setBridge('');
    setTried(false);
    await props.onAdded();
  };

  return (
    <div className="device-form device-form--network">
      <input
        aria-label="Host bridge for the new NIC"
        data-testid="network-bridge"
        placeholder="br0"
        spellCheck={false}
        value={bridge}
        aria-invalid={shown ? true : undefined}
        onChange={(event) => setBridge(event.target.value)}
      />
      <ActionButton
        testId="network-add"
        label="Add network"
        icon="plus"
        tooltipSide="left"
        reason={props.reason}
        busy={busy}
        busyLabel="Adding the network…"
        onClick={() => void submit()}
      />
      <span className="field__problem" role="status">
        {shown ?? ''}
      </span>
    </div>
  );
}

/** The networks part of the "Mounts & networks" panel. */
export function NetworksSection(props: { instance: InstanceInfo; gates: DeviceGates }) {
  const { instance, gates } = props;
  const berth = useBerth();
  const name = instance.name;
  const list = useDeviceList('networks.list', name, gates.networkUnavailable === null);
  const [removing, setRemoving] = useState<string | null>(null);

  const remove = async (nic: string) => {
    setRemoving(nic);
    if (await removeNetwork(berth, name, nic)) await list.reload();
    setRemoving(null);
  };

  return (
    <div className="devices-part" data-testid="networks">
      <h3>Extra networks</h3>
      {gates.networkUnavailable ? <p className="muted">{gates.networkUnavailable}.</p> : null}
      {list.error ? <p className="text-error">Could not list the networks: {list.error}</p> : null}
      {!gates.networkUnavailable && !list.items && !list.error ? (
        <p className="muted">
          <Spinner /> Loading the networks…
        </p>
      ) : null}
      {list.items?.length === 0 ? <p className="muted">Only the default network so far.</p> : null}
      {list.items && list.items.length > 0 ? (
        <ul className="devices-list">
          {list.items.map((attachment) => (
            <li key={attachment.nic} className="device" data-testid={`network-${attachment.nic}`}>
              <span className="device__text">
                <code>{attachment.nic}</code> on bridge <code>{attachment.bridge}</code>
              </span>
              <ActionButton
                testId={`network-${attachment.nic}-remove`}
                label="Remove"
                variant="danger"
                tooltipSide="left"
                reason={gates.network}
                busy={removing === attachment.nic}
                busyLabel={`Removing ${attachment.nic}…`}
                onClick={() => void remove(attachment.nic)}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {gates.networkUnavailable ? (
        // Visible but refused, so nobody looks for the feature elsewhere.
        <ActionButton
          testId="network-add"
          label="Add network"
          icon="plus"
          reason={gates.network}
          onClick={() => undefined}
        />
      ) : (
        <AddNetworkForm instance={name} reason={gates.network} onAdded={list.reload} />
      )}
    </div>
  );
}
