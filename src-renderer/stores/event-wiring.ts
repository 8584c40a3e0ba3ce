/** Subscribes the stores to the core's events and to the connection status. */
import type { ApiEventPayload } from '../../src-shared/api';
import { failureTitle, kindLabel } from '../actions/kinds';
import type { Berth } from './berth';
import type { InstanceFeed } from './instance-feed';

/** Wires every event; returns the function that unwires them. */
export function wireEvents(berth: Berth, feed: InstanceFeed): () => void {
  const { transport } = berth;
  const offs = [
    transport.on('instance.changed', feed.changed),
    transport.on('instance.removed', (e) => feed.removed(e.scope, e.name)),
    transport.on('operation.progress', (e) => berth.operations.getState().progress(e)),
    transport.on('operation.finished', (e) => onFinished(berth, e)),
    transport.on('settings.changed', (e) => berth.settings.getState().put(e.key, e.value)),
    transport.on('driver.switched', () => onSwitched(berth)),
    transport.on('remotes.changed', (e) => {
      berth.remotes.getState().replace(e.remotes);
      // Each remote is a driver target of its own: the picker gains or loses an entry.
      void berth.refreshDrivers();
    }),
    transport.on('scope.problem', (e) =>
      berth.notifications.getState().push({
        tone: 'error',
        title: `The ${e.scope} scope has a problem`,
        message: e.message,
        details: [e.file],
      }),
    ),
    transport.onStatus((status) => {
      berth.connection.getState().setStatus(status);
      if (status === 'open') void berth.refresh();
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}

function onFinished(berth: Berth, event: ApiEventPayload<'operation.finished'>): void {
  const task = berth.operations.getState().finished(event);
  if (berth.operations.getState().silenced.has(event.operationId)) return;
  const notify = berth.notifications.getState().push;
  if (task.outcome === 'failed' && event.error) {
    notify({
      tone: 'error',
      title: failureTitle(event.kind, event.instance),
      message: event.error.message,
      details: event.error.details ?? [],
    });
  }
  if (task.outcome === 'cancelled' && event.error) {
    const title = `${kindLabel(event.kind)} of ${event.instance} was cancelled`;
    notify({ tone: 'info', title, message: event.error.message, details: [] });
  }
}

function onSwitched(berth: Berth): void {
  // The names in these belong to the scope that was left.
  berth.pending.getState().clear();
  berth.snapshots.getState().clear();
  berth.ui.getState().setSelected(new Set());
  const ui = berth.ui.getState();
  if (ui.view.page === 'instance') ui.show({ page: 'instances' });
  void berth.refreshInstances().catch(() => undefined);
  void berth.refreshDrivers();
}
