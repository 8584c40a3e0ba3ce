/** Snapshot list, take, restore and delete, each shown as in progress on its instance. */
import type { Berth } from '../stores/berth';
import { describeError } from './errors';
import { failureTitle } from './kinds';

/** Loads the snapshot list of `instance` into the snapshots store. */
export async function loadSnapshots(berth: Berth, instance: string): Promise<void> {
  try {
    const list = await berth.transport.call('snapshots.list', { instance });
    berth.snapshots.getState().put(instance, list);
  } catch (error) {
    const { message, details } = describeError(error);
    const title = `Could not list the snapshots of ${instance}`;
    berth.notifications.getState().push({ tone: 'error', title, message, details });
  }
}

/** Marks `action` pending on `instance` while `work` runs; failures become notifications. */
async function tracked(
  berth: Berth,
  instance: string,
  action: string,
  kind: string,
  work: () => Promise<unknown>,
): Promise<boolean> {
  const current = berth.instances.getState().byName[instance] ?? null;
  // These actions change no state; the reply is their only outcome.
  berth.pending.getState().begin(instance, action, () => false, current);
  try {
    await work();
    return true;
  } catch (error) {
    const { message, details } = describeError(error);
    const title = failureTitle(kind, instance);
    berth.notifications.getState().push({ tone: 'error', title, message, details });
    return false;
  } finally {
    berth.pending.getState().end(instance, action);
    await loadSnapshots(berth, instance);
  }
}

/** Takes a snapshot; an empty name lets the core choose ("snapshot1", "snapshot2", ...). */
export function takeSnapshot(
  berth: Berth,
  instance: string,
  snapshot: string,
  comment: string,
): Promise<boolean> {
  const request = {
    instance,
    ...(snapshot === '' ? {} : { snapshot }),
    ...(comment === '' ? {} : { comment }),
  };
  return tracked(berth, instance, 'snapshot', 'snapshot', () =>
    berth.transport.call('snapshots.take', request),
  );
}

/** Asks, then reverts the disk of `instance` to `snapshot`. */
export function askRestore(berth: Berth, instance: string, snapshot: string): void {
  berth.ui.getState().ask({
    title: `Restore ${snapshot}?`,
    message: `The disk of ${instance} goes back to ${snapshot}. Changes since then are lost.`,
    okLabel: 'Restore',
    danger: true,
    onConfirm: () => {
      void tracked(berth, instance, `restore:${snapshot}`, 'restore', () =>
        berth.transport.call('snapshots.restore', { instance, snapshot }),
      ).then((ok) => {
        if (!ok) return;
        const title = `Restored ${snapshot} on ${instance}`;
        berth.notifications.getState().push({ tone: 'success', title, message: '', details: [] });
      });
    },
  });
}

/** Asks, then deletes `snapshot` of `instance` for good. */
export function askDeleteSnapshot(berth: Berth, instance: string, snapshot: string): void {
  berth.ui.getState().ask({
    title: `Delete ${snapshot}?`,
    message: `The snapshot ${snapshot} of ${instance} is removed for good.`,
    okLabel: 'Delete snapshot',
    danger: true,
    onConfirm: () => {
      void tracked(berth, instance, `delete-snapshot:${snapshot}`, 'delete-snapshot', () =>
        berth.transport.call('snapshots.delete', { instance, snapshot }),
      );
    },
  });
}
