/** What a driver switch will do, instance by instance, and the core's summary sentence. */
import type { DriverInfo, SwitchPreview } from '../../src-shared/api';
import { targetLabel } from '../../src-shared/targets';
import { asSentence } from '../format';

type Item = SwitchPreview['items'][number];

const GROUPS: readonly { label: string; matches(item: Item): boolean }[] = [
  { label: 'Suspended', matches: (i) => i.side === 'leaving' && i.action === 'suspend' },
  { label: 'Stopped', matches: (i) => i.side === 'leaving' && i.action === 'stop' },
  { label: 'Started again', matches: (i) => i.side === 'entering' && i.action === 'start' },
];

/** The plan of one preview; `target` is the probe entry of the driver being entered. */
export function PreviewPlan({
  preview,
  target,
}: {
  preview: SwitchPreview;
  target: DriverInfo | null;
}) {
  const groups = GROUPS.map((group) => ({
    label: group.label,
    names: preview.items.filter(group.matches).map((item) => item.name),
  })).filter((group) => group.names.length > 0);

  return (
    <div className="plan">
      {preview.sameScope ? (
        <p>
          {targetLabel(preview.from)} and {targetLabel(preview.to)} share one scope: the same
          instances stay in the list.
        </p>
      ) : null}
      {groups.length === 0 ? (
        <p>No instance is running, so nothing needs to be parked or started.</p>
      ) : (
        <ul className="plan__groups">
          {groups.map((group) => (
            <li key={group.label} className="plan__group">
              <strong>{group.label}:</strong> {group.names.join(', ')}
            </li>
          ))}
        </ul>
      )}
      <p className="plan__summary">{preview.summary}</p>
      {target && !target.available ? (
        <p className="plan__warning" role="note">
          {target.label} cannot run here yet: {asSentence(target.reason ?? '')}
          {target.fix ? ` ${target.fix}` : ''} Its instances are listed, but cannot start.
        </p>
      ) : null}
    </div>
  );
}
