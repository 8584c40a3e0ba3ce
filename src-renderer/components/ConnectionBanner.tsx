/** Says so when the window has lost the core; everything is fetched again on reconnect. */
import { useStore } from 'zustand';
import { useBerth } from './BerthProvider';
import { Spinner } from './Icon';

/** The lost-connection banner, or nothing while connected. */
export function ConnectionBanner() {
  const { connection } = useBerth();
  const status = useStore(connection, (s) => s.status);
  if (status !== 'lost') return null;
  return (
    <div className="banner banner--error" role="alert" data-testid="connection-banner">
      <Spinner />
      Lost the connection to Berth — reconnecting
    </div>
  );
}
