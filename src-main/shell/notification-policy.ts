/**
 * When a native notification is worth showing: a long operation finished or failed while
 * the window was out of sight. With the window in view, the task area already says it.
 */
import type { ApiEventPayload } from '../../src-shared/api';

/** What a notification says. */
export interface NotificationText {
  title: string;
  body: string;
}

/** Operations too quick, or too routine (re-attaching at start-up), to notify about. */
const SILENT_KINDS = new Set(['delete', 'recover', 'purge', 'attach']);

/** The past tense people read for each operation kind. */
const DONE_WORDS: Readonly<Record<string, string>> = {
  launch: 'launched',
  start: 'started',
  stop: 'stopped',
  suspend: 'suspended',
  restart: 'restarted',
  snapshot: 'snapshotted',
  restore: 'restored',
  'park-suspend': 'suspended for the driver switch',
  'park-stop': 'stopped for the driver switch',
  return: 'started again after the driver switch',
};

/** The notification for one finished operation, or null when none should show. */
export function notificationFor(
  finished: ApiEventPayload<'operation.finished'>,
  windowVisible: boolean,
): NotificationText | null {
  if (windowVisible || SILENT_KINDS.has(finished.kind)) return null;
  const { instance, error, kind } = finished;

  if (error?.code === 'CANCELLED') return null;
  if (error) return { title: `${instance}: ${kind} failed`, body: error.message };
  const done = DONE_WORDS[kind] ?? `finished ${kind}`;
  return { title: `${instance} ${done}`, body: `Berth finished the ${kind} of ${instance}.` };
}
