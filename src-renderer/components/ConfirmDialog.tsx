/** Asks the question in the UI store's `confirm` slot; OK runs it, Cancel or Escape drops it. */
import { useStore } from 'zustand';
import { useBerth } from './BerthProvider';
import { Modal } from './Modal';

/** The confirmation dialog, shown while a question is pending. */
export function ConfirmDialog() {
  const { ui } = useBerth();
  const request = useStore(ui, (s) => s.confirm);
  if (!request) return null;

  const close = () => ui.getState().ask(null);
  const confirm = () => {
    close();
    request.onConfirm();
  };
  const footer = (
    <>
      <button
        type="button"
        className="btn btn--default"
        data-testid="confirm-cancel"
        // A disruptive default would be one Enter away from damage; start on Cancel.
        data-autofocus={request.danger ? true : undefined}
        onClick={close}
      >
        Cancel
      </button>
      <button
        type="button"
        className={`btn ${request.danger ? 'btn--danger' : 'btn--primary'}`}
        data-testid="confirm-ok"
        data-autofocus={request.danger ? undefined : true}
        onClick={confirm}
      >
        {request.okLabel}
      </button>
    </>
  );
  return (
    <Modal title={request.title} onClose={close} size="small" footer={footer} testId="confirm">
      <p>{request.message}</p>
    </Modal>
  );
}
