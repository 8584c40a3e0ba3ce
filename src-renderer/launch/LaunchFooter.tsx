/** The launch dialog's buttons for each phase: submit, cancel the launch, or go back. */
import { ActionButton } from '../components/ActionButton';
import { useBerth } from '../components/BerthProvider';
import type { LaunchRun } from './LaunchDialog';

/** What the footer drives. */
export interface LaunchFooterProps {
  run: LaunchRun;
  setRun(run: LaunchRun): void;
  onSubmit(): void;
  onClose(): void;
}

/** The footer of the launch dialog. */
export function LaunchFooter({ run, setRun, onSubmit, onClose }: LaunchFooterProps) {
  const { transport } = useBerth();

  if (run.phase === 'running') {
    const cancel = () => {
      setRun({ ...run, cancelling: true });
      void transport.call('operations.cancel', { operationId: run.operationId }).catch(() => {
        setRun({ ...run, cancelling: false });
      });
    };
    return (
      <>
        <button type="button" className="btn btn--default" onClick={onClose}>
          Hide (keeps launching)
        </button>
        <ActionButton
          testId="launch-cancel"
          label="Cancel launch"
          variant="danger"
          reason={null}
          busy={run.cancelling}
          busyLabel="Cancelling the launch"
          onClick={cancel}
        />
      </>
    );
  }
  if (run.phase === 'failed') {
    return (
      <>
        <button type="button" className="btn btn--default" onClick={onClose}>
          Close
        </button>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => setRun({ phase: 'form', note: null })}
        >
          Back to the form
        </button>
      </>
    );
  }
  return (
    <>
      <button type="button" className="btn btn--default" onClick={onClose}>
        Cancel
      </button>
      <button
        type="button"
        className="btn btn--primary"
        data-testid="launch-submit"
        onClick={onSubmit}
      >
        Launch
      </button>
    </>
  );
}
