/** Adding and removing remote servers; the store follows from the reply and remotes.changed. */
import type { RemoteInfo } from '../../src-shared/api';
import { describeError, type ErrorView } from '../actions/errors';
import type { Berth } from '../stores/berth';
import { addRemoteRequest, type RemoteFields } from './remote-form';

/** Adds the remote in `fields`; resolves null when it was added, else why not. */
export async function addRemote(berth: Berth, fields: RemoteFields): Promise<ErrorView | null> {
  try {
    const added = await berth.transport.call('remotes.add', addRemoteRequest(fields));
    const { remotes } = berth.remotes.getState();
    const others = remotes.filter((r) => r.name !== added.name);
    berth.remotes.getState().replace([...others, added]);
    void berth.refreshDrivers();
    berth.notifications.getState().push({
      tone: 'success',
      title: `Added the remote ${added.name}`,
      message: `Pick ${added.target} in the driver picker to see its instances.`,
      details: [],
    });
    return null;
  } catch (error) {
    return describeError(error);
  }
}

async function removeRemote(berth: Berth, remote: RemoteInfo, force: boolean): Promise<void> {
  const { name } = remote;
  const notify = berth.notifications.getState().push;
  try {
    await berth.transport.call('remotes.remove', force ? { name, force } : { name });
    const left = berth.remotes.getState().remotes.filter((r) => r.name !== name);
    berth.remotes.getState().replace(left);
    void berth.refreshDrivers();
    const message = 'Its instances stay on the server.';
    notify({ tone: 'success', title: `Removed the remote ${name}`, message, details: [] });
  } catch (error) {
    // The core refuses while the remote is active or (without force) still has instances.
    const { message, details } = describeError(error);
    notify({ tone: 'error', title: `Could not remove the remote ${name}`, message, details });
  }
}

function instancesNote(count: number): string {
  if (count === 0) return '';
  const noun = count === 1 ? 'instance' : 'instances';
  return ` Berth lists ${count} ${noun} there and will stop listing them.`;
}

/**
 * Asks, then forgets `remote`. `instanceCount` is what Berth lists in its scope: the question
 * names them, so answering yes also allows forgetting them (`force`).
 */
export function askRemoveRemote(berth: Berth, remote: RemoteInfo, instanceCount: number): void {
  berth.ui.getState().ask({
    title: `Remove the remote ${remote.name}?`,
    message:
      `Berth forgets ${remote.url}: its credentials and its list of instances. ` +
      `The instances themselves stay on the server, untouched.${instancesNote(instanceCount)} ` +
      'You can add the server again later with a new token.',
    okLabel: 'Remove',
    danger: true,
    onConfirm: () => void removeRemote(berth, remote, instanceCount > 0),
  });
}
