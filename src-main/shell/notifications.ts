/**
 * Native notifications: a long operation finished or failed while the window was out of
 * sight (notification-policy.ts decides), and tray actions that failed. Clicking one opens
 * the window.
 */
import { Notification } from 'electron';
import { type NotificationText, notificationFor } from './notification-policy';
import type { ShellSession } from './shell-session';

/** What the notifier needs from the shell. */
export interface NotifierInput {
  session: Pick<ShellSession, 'onChange'>;
  windowVisible(): boolean;
  openWindow(): void;
}

/** The running notifier. */
export interface Notifier {
  /** Shows `text` now (when the system supports notifications). */
  show(text: NotificationText): void;
  stop(): void;
}

/** Starts notifying about finished operations. */
export function startNotifier(input: NotifierInput): Notifier {
  const show = (text: NotificationText): void => {
    if (!Notification.isSupported()) return;
    const note = new Notification({ title: text.title, body: text.body });
    note.on('click', () => input.openWindow());
    note.show();
  };

  const stop = input.session.onChange((_facts, cause) => {
    if (cause?.event !== 'operation.finished') return;
    const text = notificationFor(cause.payload, input.windowVisible());
    if (text) show(text);
  });
  return { show, stop };
}
