/**
 * Parses the lines `virsh event --loop --all` prints and maps them to driver events.
 * Lines look like `event 'lifecycle' for domain 'NAME': Started Booted`; multi-line events
 * (job-completed) continue on tab-indented lines, which carry nothing Berth needs.
 */
import type { DriverEvent } from '../driver';

/** One event line, taken apart. */
export interface VirshEvent {
  /** The event name: lifecycle, reboot, job-completed, ... */
  event: string;
  domain: string;
  /** The rest of the line, e.g. "Started Booted"; empty when there is none. */
  detail: string;
}

const LINE = /^(?:\S+ \S+: )?event '([^']+)' for domain '(.+?)'(?::\s*(.*))?$/;

/** The event on `line`, or null for continuation lines and anything else. */
export function parseEventLine(line: string): VirshEvent | null {
  if (line.startsWith('\t') || line.startsWith(' ')) return null;
  const match = LINE.exec(line.trimEnd());
  if (!match) return null;
  const [, event = '', domain = '', detail = ''] = match;
  return { event, domain, detail: detail.trim() };
}

const LIFECYCLE: Readonly<Record<string, DriverEvent['kind'] | null>> = {
  Started: 'running',
  Resumed: 'running',
  Suspended: 'paused',
  PMSuspended: 'paused',
  Shutdown: 'shutdown',
  Stopped: 'exited',
  // A crash is followed by "Stopped Crashed" (on_crash is destroy); that one reports it.
  Crashed: null,
  Defined: null,
  Undefined: null,
};

/** The driver event a virsh event means, or null when it means nothing to the core. */
export function toDriverEvent(event: VirshEvent): DriverEvent | null {
  if (event.event === 'reboot') return { kind: 'reset' };
  if (event.event !== 'lifecycle') return null;
  const [what = '', ...rest] = event.detail.split(/\s+/);
  const kind = LIFECYCLE[what];
  if (!kind) return null;
  const detail = rest.join(' ').toLowerCase();
  return detail ? { kind, detail } : { kind };
}
