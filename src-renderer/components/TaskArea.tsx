/**
 * The task area at the foot of the window: what is running now (with its current step and a
 * cancel button) and how recent operations ended.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { kindLabel } from '../actions/kinds';
import { stepLabel } from '../format';
import type { Task } from '../stores/operations-store';
import { useBerth } from './BerthProvider';
import { Icon, Spinner } from './Icon';

const OUTCOME_LABELS: Readonly<Record<Task['outcome'], string>> = {
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function currentStep(task: Task): string {
  const last = task.steps[task.steps.length - 1];
  return last ? `${stepLabel(last.step)} — ${last.message}` : 'Starting';
}

function TaskRow({ task }: { task: Task }) {
  const { transport } = useBerth();
  const running = task.outcome === 'running';
  const detail = running
    ? currentStep(task)
    : (task.error?.message ?? OUTCOME_LABELS[task.outcome]);
  return (
    <li className={`task task--${task.outcome}`}>
      <span className="task__mark">
        {running ? <Spinner /> : <Icon name={task.outcome === 'done' ? 'check' : 'alert'} />}
      </span>
      <span className="task__title">
        {kindLabel(task.kind)} · {task.instance || 'Berth'}
      </span>
      <span className="task__detail">{detail}</span>
      {running ? (
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={() =>
            void transport.call('operations.cancel', { operationId: task.operationId })
          }
        >
          Cancel
        </button>
      ) : (
        <span className="task__outcome">{OUTCOME_LABELS[task.outcome]}</span>
      )}
    </li>
  );
}

function summary(running: readonly Task[]): string {
  const [first] = running;
  if (!first) return 'No operations running';
  const more = running.length > 1 ? ` and ${running.length - 1} more` : '';
  return `${kindLabel(first.kind)} · ${first.instance}: ${currentStep(first)}${more}`;
}

/** The task area. */
export function TaskArea() {
  const { operations } = useBerth();
  const runningById = useStore(operations, (s) => s.running);
  const recent = useStore(operations, (s) => s.recent);
  const [open, setOpen] = useState(false);
  const running = Object.values(runningById);

  return (
    <footer className={`tasks ${open ? 'tasks--open' : ''}`} data-testid="task-area">
      {open ? (
        <div className="tasks__panel" id="task-list">
          <h3>Running</h3>
          {running.length === 0 ? <p className="muted">Nothing is running.</p> : null}
          <ul>
            {running.map((task) => (
              <TaskRow key={task.operationId} task={task} />
            ))}
          </ul>
          <h3>Recent</h3>
          {recent.length === 0 ? <p className="muted">No operations have finished yet.</p> : null}
          <ul>
            {recent.map((task) => (
              <TaskRow key={task.operationId} task={task} />
            ))}
          </ul>
        </div>
      ) : null}
      <div className="tasks__bar">
        {running.length > 0 ? <Spinner /> : <Icon name="check" />}
        <span className="tasks__summary" aria-live="polite">
          {summary(running)}
        </span>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          aria-expanded={open}
          aria-controls="task-list"
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide tasks' : `Tasks (${running.length} running, ${recent.length} recent)`}
        </button>
      </div>
    </footer>
  );
}
