/** Instance states, as Multipass has them. */

/** Every state an instance can be in. "running" means reachable over SSH. */
export const INSTANCE_STATES = [
  'stopped',
  'starting',
  'restarting',
  'running',
  'suspending',
  'suspended',
  'delayed_shutdown',
  'unknown',
] as const;

/** One instance state. Deletion is a separate flag, not a state. */
export type InstanceState = (typeof INSTANCE_STATES)[number];

/** Labels shown to people for each state. */
export const STATE_LABELS: Readonly<Record<InstanceState, string>> = {
  stopped: 'Stopped',
  starting: 'Starting',
  restarting: 'Restarting',
  running: 'Running',
  suspending: 'Suspending',
  suspended: 'Suspended',
  delayed_shutdown: 'Delayed Shutdown',
  unknown: 'Unknown',
};

/** States that are on the way to another state; the UI shows a spinner for them. */
export const TRANSITIONAL_STATES: readonly InstanceState[] = [
  'starting',
  'restarting',
  'suspending',
];

/** True while an instance is on its way to another state. */
export function isTransitional(state: InstanceState): boolean {
  return TRANSITIONAL_STATES.includes(state);
}

/** True when the instance's hypervisor process or domain is up (whether or not SSH answers). */
export function isActive(state: InstanceState): boolean {
  return state === 'running' || state === 'delayed_shutdown' || isTransitional(state);
}
