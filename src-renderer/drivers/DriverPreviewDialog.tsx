/**
 * The driver-switch dialog: the core's preview first (drivers.preview), then on confirmation
 * the switch itself (settings.set local.driver, which returns when it is done) with progress.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { SwitchPreview } from '../../src-shared/api';
import { targetLabel } from '../../src-shared/targets';
import { describeError, type ErrorView } from '../actions/errors';
import { ActionButton } from '../components/ActionButton';
import { useBerth } from '../components/BerthProvider';
import { Spinner } from '../components/Icon';
import { Modal } from '../components/Modal';
import type { Berth } from '../stores/berth';
import { isRemoteTarget } from './driver-groups';
import { PreviewPlan } from './PreviewPlan';

type Phase = 'loading' | 'ready' | 'switching' | 'failed';

async function switchTo(berth: Berth, target: string): Promise<void> {
  await berth.transport.call('settings.set', { key: 'local.driver', value: target });
  // driver.switched triggers these too; doing it here means the list is right when we close.
  await Promise.all([berth.refreshInstances(), berth.refreshDrivers()]);
}

function SwitchProgress({ label }: { label: string }) {
  const { operations } = useBerth();
  const running = useStore(operations, (s) => s.running);
  const parking = Object.values(running).filter(
    (task) => task.kind.startsWith('park-') || task.kind === 'return',
  );
  return (
    <div className="switching" aria-live="polite">
      <Spinner /> Switching to {label}…
      <ul>
        {parking.map((task) => (
          <li key={task.operationId}>
            {task.instance}: {task.steps[task.steps.length - 1]?.message ?? 'waiting'}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The preview dialog for switching to `target` ("qemu", "lxd@lab"). */
export function DriverPreviewDialog({ target }: { target: string }) {
  const berth = useBerth();
  const targetInfo = useStore(berth.drivers, (s) => s.drivers.find((d) => d.target === target));
  const [phase, setPhase] = useState<Phase>('loading');
  const [preview, setPreview] = useState<SwitchPreview | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const label = targetInfo?.label ?? targetLabel(target);

  useEffect(() => {
    let live = true;
    berth.transport.call('drivers.preview', { driver: target }).then(
      (result) => {
        if (!live) return;
        setPreview(result);
        setPhase('ready');
      },
      (failure: unknown) => {
        if (!live) return;
        setError(describeError(failure));
        setPhase('failed');
      },
    );
    return () => {
      live = false;
    };
  }, [berth, target]);

  const close = () => berth.ui.getState().setSwitchTarget(null);
  const confirm = () => {
    setPhase('switching');
    switchTo(berth, target).then(close, (failure: unknown) => {
      setError(describeError(failure));
      setPhase('failed');
    });
  };

  const footer = (
    <>
      <ActionButton
        testId="driver-preview-cancel"
        label="Cancel"
        reason={phase === 'switching' ? 'The switch is under way' : null}
        onClick={close}
      />
      <ActionButton
        testId="driver-preview-confirm"
        label={`Switch to ${label}`}
        variant="primary"
        reason={
          phase === 'ready'
            ? null
            : phase === 'failed'
              ? 'The switch cannot go ahead'
              : 'Loading the preview'
        }
        busy={phase === 'switching'}
        busyLabel={`Switching to ${label}`}
        onClick={confirm}
      />
    </>
  );

  return (
    <Modal
      title={isRemoteTarget(target) ? `Switch to ${label}?` : `Switch to the ${label} driver?`}
      onClose={phase === 'switching' ? undefined : close}
      testId="driver-preview"
      footer={footer}
    >
      {phase === 'loading' ? (
        <p>
          <Spinner /> Asking Berth what the switch would do…
        </p>
      ) : null}
      {preview && phase !== 'loading' ? (
        <PreviewPlan preview={preview} target={targetInfo ?? null} />
      ) : null}
      {phase === 'switching' ? <SwitchProgress label={label} /> : null}
      {phase === 'failed' && error ? (
        <div className="inline-error" role="alert">
          <strong>{error.message}</strong>
          {error.details.length > 0 ? <pre>{error.details.join('\n')}</pre> : null}
        </div>
      ) : null}
    </Modal>
  );
}
