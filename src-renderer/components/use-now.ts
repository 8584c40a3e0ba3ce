/** The current time, refreshed every `intervalMs` so ages in the list move on. */
import { useEffect, useState } from 'react';

/** Milliseconds since the epoch, updated on a timer (a clock, not a poll of the core). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
