/** Pure formatting for the window: sizes, ages, state labels and tones. No DOM, no stores. */
import type { InstanceInfo } from '../src-shared/api';
import { type InstanceState, isTransitional, STATE_LABELS } from '../src-shared/states';

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes for people, binary units with a space: "1 GiB", "512 MiB", "1.5 GiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // One decimal only where it carries information ("1.5 GiB", never "1.0 GiB").
  const rounded = Math.round(value * 10) / 10;
  const text = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
  return `${text} ${BYTE_UNITS[unit]}`;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** How long ago `createdAt` (ISO text) was, coarsely: "<1 min", "3 min", "5 h", "12 d". */
export function formatAge(createdAt: string, nowMs: number): string {
  const then = Date.parse(createdAt);
  if (Number.isNaN(then)) return '—';
  const elapsed = Math.max(0, nowMs - then);
  if (elapsed < MINUTE_MS) return '<1 min';
  if (elapsed < HOUR_MS) return `${Math.floor(elapsed / MINUTE_MS)} min`;
  // Up to two days, hours read better than "1 d".
  if (elapsed < 2 * DAY_MS) return `${Math.floor(elapsed / HOUR_MS)} h`;
  return `${Math.floor(elapsed / DAY_MS)} d`;
}

/** What the state column says: the state's label, or "Deleted" for a recoverable instance. */
export function stateLabel(instance: Pick<InstanceInfo, 'state' | 'deleted'>): string {
  return instance.deleted ? 'Deleted' : STATE_LABELS[instance.state];
}

/** The colour family of a state, used as a CSS modifier. */
export type StateTone = 'running' | 'stopped' | 'suspended' | 'busy' | 'unknown' | 'deleted';

/** The tone for an instance: deleted first, then transitional, then the state itself. */
export function stateTone(instance: Pick<InstanceInfo, 'state' | 'deleted'>): StateTone {
  if (instance.deleted) return 'deleted';
  return toneOfState(instance.state);
}

function toneOfState(state: InstanceState): StateTone {
  if (isTransitional(state)) return 'busy';
  if (state === 'running' || state === 'delayed_shutdown') return 'running';
  if (state === 'suspended') return 'suspended';
  if (state === 'stopped') return 'stopped';
  return 'unknown';
}

/** The file name of an image source, for the narrow image column. */
export function imageName(source: string): string {
  const trimmed = source.replace(/[\\/]+$/, '');
  const slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return slash >= 0 ? trimmed.slice(slash + 1) : trimmed;
}

/** The first IPv4 address, with a count of the others; "—" when the guest has none. */
export function formatIpv4(addresses: readonly string[]): string {
  const [first, ...rest] = addresses;
  if (first === undefined) return '—';
  return rest.length > 0 ? `${first} (+${rest.length})` : first;
}

/** "1 CPU", "4 CPUs". */
export function formatCpus(cpus: number): string {
  return cpus === 1 ? '1 CPU' : `${cpus} CPUs`;
}

/** A local date and time for details panels. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleString();
}

/** A local date without the time, for lists: "2 Mar 2026" in an English locale. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** A step id as a heading: "waiting-for-ssh" becomes "Waiting for ssh". */
export function stepLabel(step: string): string {
  const words = step.replace(/[-_]+/g, ' ').trim();
  if (words === '') return 'Starting';
  return words.charAt(0).toUpperCase() + words.slice(1).replace(/\bssh\b/g, 'SSH');
}

/** Ends `text` with a full stop unless it already ends a sentence. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
