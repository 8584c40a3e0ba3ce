/** Asks for an optional snapshot name and comment, then takes the snapshot. */
import { useState } from 'react';
import { useStore } from 'zustand';
import { instanceNameProblem } from '../../src-shared/names';
import { takeSnapshot } from '../actions/snapshot-actions';
import { useBerth } from '../components/BerthProvider';
import { Modal } from '../components/Modal';

/** Why `name` cannot name a new snapshot, or null (empty lets the core choose). */
function snapshotNameProblem(name: string, taken: readonly string[]): string | null {
  if (name === '') return null;
  if (taken.includes(name)) return `A snapshot named ${name} already exists`;
  return instanceNameProblem(name, 'Snapshot name');
}

/** The take-snapshot dialog for `instance`. */
export function TakeSnapshotDialog({ instance }: { instance: string }) {
  const berth = useBerth();
  const existing = useStore(berth.snapshots, (s) => s.byInstance[instance]);
  const [name, setName] = useState('');
  const [comment, setComment] = useState('');
  const problem = snapshotNameProblem(
    name.trim(),
    (existing ?? []).map((s) => s.name),
  );
  const close = () => berth.ui.getState().setSnapshotFor(null);

  const submit = () => {
    if (problem) return;
    close();
    void takeSnapshot(berth, instance, name.trim(), comment.trim());
  };

  const footer = (
    <>
      <button
        type="button"
        className="btn btn--default"
        data-testid="confirm-cancel"
        onClick={close}
      >
        Cancel
      </button>
      <button
        type="button"
        className="btn btn--primary"
        data-testid="confirm-ok"
        aria-disabled={problem ? true : undefined}
        onClick={submit}
      >
        Take snapshot
      </button>
    </>
  );

  return (
    <Modal title={`Take a snapshot of ${instance}`} onClose={close} size="small" footer={footer}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span className="field__label">Name (optional)</span>
          <input
            data-testid="snapshot-name"
            value={name}
            placeholder="snapshot1, snapshot2, … when left empty"
            aria-invalid={problem ? true : undefined}
            aria-describedby="snapshot-name-problem"
            onChange={(event) => setName(event.target.value)}
          />
          <span id="snapshot-name-problem" className="field__problem" role="status">
            {problem ?? ''}
          </span>
        </label>
        <label className="field">
          <span className="field__label">Comment (optional)</span>
          <input
            data-testid="snapshot-comment"
            value={comment}
            maxLength={1000}
            onChange={(event) => setComment(event.target.value)}
          />
        </label>
      </form>
    </Modal>
  );
}
