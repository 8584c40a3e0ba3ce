/**
 * The launch dialog's optional mounts (host folder → guest path) and extra networks (host
 * bridges). Each block is gated by the shared device predicate: where the driver cannot do it,
 * the Add button stays visible, disabled, and the reason is written in place of the hint.
 */
import type { ReactNode } from 'react';
import { ActionButton } from '../components/ActionButton';
import { Icon } from '../components/Icon';
import type { LaunchExtras, RowProblems } from './launch-extras';

/** What the blocks need from the dialog. */
export interface LaunchDevicesProps {
  extras: LaunchExtras;
  problems: RowProblems;
  /** True once the user tried to launch: every problem shows, typed or not. */
  submitted: boolean;
  mountBlock: string | null;
  networkBlock: string | null;
  onChange(update: (extras: LaunchExtras) => LaunchExtras): void;
}

function nextKey(extras: LaunchExtras): number {
  return Math.max(0, ...extras.mounts.map((m) => m.key), ...extras.networks.map((n) => n.key)) + 1;
}

function Block(props: {
  kind: 'mount' | 'network';
  title: string;
  hint: string;
  block: string | null;
  onAdd(): void;
  children: ReactNode;
}) {
  return (
    <div className="devices-block" data-testid={`launch-${props.kind}s`}>
      <div className="devices-block__head">
        <span className="field__label">{props.title}</span>
        <ActionButton
          testId={`launch-${props.kind}-add`}
          label={props.kind === 'mount' ? 'Add mount' : 'Add network'}
          icon="plus"
          variant="ghost"
          tooltipSide="left"
          reason={props.block}
          onClick={props.onAdd}
        />
      </div>
      <span className={props.block ? 'field__hint field__hint--blocked' : 'field__hint'}>
        {props.block ?? props.hint}
      </span>
      {props.block ? null : props.children}
    </div>
  );
}

function Problem({ text }: { text: string | undefined }) {
  return text ? <span className="field__problem">{text}</span> : null;
}

function RemoveRow({ label, onClick, testId }: { label: string; testId: string; onClick(): void }) {
  return (
    <button
      type="button"
      className="btn btn--ghost btn--icon"
      aria-label={label}
      title={label}
      data-testid={testId}
      onClick={onClick}
    >
      <Icon name="close" />
    </button>
  );
}

/** The mounts block. */
export function LaunchMounts(props: LaunchDevicesProps) {
  const { extras, problems, submitted, onChange } = props;
  const edit = (key: number, field: 'source' | 'target', value: string) =>
    onChange((e) => ({
      ...e,
      mounts: e.mounts.map((m) => (m.key === key ? { ...m, [field]: value } : m)),
    }));
  const shown = (key: number, field: 'source' | 'target', value: string) =>
    submitted || value !== '' ? problems[key]?.[field] : undefined;

  return (
    <Block
      kind="mount"
      title="Mounts (optional)"
      hint="Folders on this computer, shared into the instance"
      block={props.mountBlock}
      onAdd={() =>
        onChange((e) => ({
          ...e,
          mounts: [...e.mounts, { key: nextKey(e), source: '', target: '' }],
        }))
      }
    >
      {extras.mounts.map((row, index) => (
        <div key={row.key} className="device-row">
          <input
            aria-label={`Host folder of mount ${index + 1}`}
            data-testid={`launch-mount-${index}-source`}
            placeholder="/home/me/project"
            spellCheck={false}
            value={row.source}
            aria-invalid={shown(row.key, 'source', row.source) ? true : undefined}
            onChange={(event) => edit(row.key, 'source', event.target.value)}
          />
          <span className="device-row__arrow" aria-hidden="true">
            →
          </span>
          <input
            aria-label={`Path in the instance of mount ${index + 1}`}
            data-testid={`launch-mount-${index}-target`}
            placeholder="/mnt/project"
            spellCheck={false}
            value={row.target}
            aria-invalid={shown(row.key, 'target', row.target) ? true : undefined}
            onChange={(event) => edit(row.key, 'target', event.target.value)}
          />
          <RemoveRow
            label={`Remove mount ${index + 1}`}
            testId={`launch-mount-${index}-remove`}
            onClick={() =>
              onChange((e) => ({ ...e, mounts: e.mounts.filter((m) => m.key !== row.key) }))
            }
          />
          <Problem text={shown(row.key, 'source', row.source)} />
          <Problem text={shown(row.key, 'target', row.target)} />
        </div>
      ))}
    </Block>
  );
}

/** The extra networks block. */
export function LaunchNetworks(props: LaunchDevicesProps) {
  const { extras, problems, submitted, onChange } = props;
  return (
    <Block
      kind="network"
      title="Extra networks (optional)"
      hint="Bridges on the host; each adds a NIC (eth1, eth2, …) beside the default one"
      block={props.networkBlock}
      onAdd={() =>
        onChange((e) => ({ ...e, networks: [...e.networks, { key: nextKey(e), bridge: '' }] }))
      }
    >
      {extras.networks.map((row, index) => {
        const problem = submitted || row.bridge !== '' ? problems[row.key]?.bridge : undefined;
        return (
          <div key={row.key} className="device-row device-row--network">
            <input
              aria-label={`Host bridge of network ${index + 1}`}
              data-testid={`launch-network-${index}-bridge`}
              placeholder="br0"
              spellCheck={false}
              value={row.bridge}
              aria-invalid={problem ? true : undefined}
              onChange={(event) => {
                const bridge = event.target.value;
                onChange((e) => ({
                  ...e,
                  networks: e.networks.map((n) => (n.key === row.key ? { ...n, bridge } : n)),
                }));
              }}
            />
            <RemoveRow
              label={`Remove network ${index + 1}`}
              testId={`launch-network-${index}-remove`}
              onClick={() =>
                onChange((e) => ({ ...e, networks: e.networks.filter((n) => n.key !== row.key) }))
              }
            />
            <Problem text={problem} />
          </div>
        );
      })}
    </Block>
  );
}
