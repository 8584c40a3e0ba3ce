/** What a click asks for: disruptive actions are confirmed first, then run on every name. */
import type { Berth } from '../stores/berth';
import { type LifecycleAction, runInstanceAction } from './instance-actions';

interface Question {
  title: string;
  message: string;
  okLabel: string;
}

function listed(names: readonly string[]): string {
  if (names.length === 1) return names[0] ?? '';
  return `${names.length} instances`;
}

const QUESTIONS: Partial<Record<LifecycleAction, (names: readonly string[]) => Question>> = {
  delete: (names) => ({
    title: `Delete ${listed(names)}?`,
    message:
      'Deleted instances are powered off and stay in the list as Deleted. ' +
      'You can recover them until you purge them.',
    okLabel: 'Delete',
  }),
  purge: (names) => ({
    title: `Purge ${listed(names)}?`,
    message: 'Purging removes the instance, its disk and its snapshots for good.',
    okLabel: 'Purge',
  }),
  'force-stop': (names) => ({
    title: `Force ${listed(names)} off?`,
    message: 'Like pulling the power cord: anything the guest has not saved is lost.',
    okLabel: 'Force stop',
  }),
};

/** Runs `action` on each of `names`, after a confirmation when the action is disruptive. */
export function requestAction(
  berth: Berth,
  names: readonly string[],
  action: LifecycleAction,
): void {
  if (names.length === 0) return;
  const run = () => {
    for (const name of names) void runInstanceAction(berth, name, action);
  };
  const question = QUESTIONS[action];
  if (!question) {
    run();
    return;
  }
  berth.ui.getState().ask({ ...question(names), danger: true, onConfirm: run });
}
