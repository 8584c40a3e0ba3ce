/** How operation kinds read in the task area and in failure notifications. */

const KIND_LABELS: Readonly<Record<string, string>> = {
  launch: 'Launch',
  start: 'Start',
  stop: 'Stop',
  suspend: 'Suspend',
  restart: 'Restart',
  delete: 'Delete',
  purge: 'Purge',
  recover: 'Recover',
  snapshot: 'Snapshot',
  restore: 'Snapshot restore',
  'delete-snapshot': 'Snapshot delete',
  'park-suspend': 'Suspend for the driver switch',
  'park-stop': 'Stop for the driver switch',
  return: 'Start after the driver switch',
  attach: 'Reconnect',
};

/** A heading for an operation kind; unknown kinds are shown as the core names them. */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** The title of a failure notification, shared by request rejections and operation events. */
export function failureTitle(kind: string, instance: string): string {
  const what = kindLabel(kind);
  return instance === '' ? `${what} failed` : `${what} of ${instance} failed`;
}
