/** Notifications in the corner: failures stay with their details; other notes fade away. */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { Notice } from '../stores/notifications-store';
import { useBerth } from './BerthProvider';
import { Icon } from './Icon';

const FADE_MS = 6000;

function NoticeCard({ notice, dismiss }: { notice: Notice; dismiss(id: number): void }) {
  const { id, tone } = notice;
  useEffect(() => {
    if (tone === 'error') return;
    const timer = setTimeout(() => dismiss(id), FADE_MS);
    return () => clearTimeout(timer);
  }, [id, tone, dismiss]);

  return (
    <div
      className={`notice notice--${notice.tone}`}
      data-testid="notification"
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      <span className="notice__icon">
        <Icon
          name={notice.tone === 'error' ? 'alert' : notice.tone === 'success' ? 'check' : 'info'}
        />
      </span>
      <div className="notice__text">
        <strong>{notice.title}</strong>
        {notice.message ? <p>{notice.message}</p> : null}
        {notice.details.length > 0 ? (
          <details>
            <summary>Details</summary>
            <pre>{notice.details.join('\n')}</pre>
          </details>
        ) : null}
      </div>
      <button
        type="button"
        className="btn btn--ghost btn--icon"
        aria-label={`Dismiss: ${notice.title}`}
        onClick={() => dismiss(id)}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}

/** The stack of notifications. */
export function Notifications() {
  const { notifications } = useBerth();
  const items = useStore(notifications, (s) => s.items);
  const dismiss = useStore(notifications, (s) => s.dismiss);
  return (
    <section className="notices" aria-label="Notifications">
      {items.map((notice) => (
        <NoticeCard key={notice.id} notice={notice} dismiss={dismiss} />
      ))}
    </section>
  );
}
