/**
 * Runs instance actions from buttons and menus. Each action is pending from the click until
 * the instance is observed in the state the action aims for, or the request fails.
 */
import type { InstanceInfo } from '../../src-shared/api';
import type { InstanceAction } from '../../src-shared/predicates';
import type { Berth } from '../stores/berth';
import type { Goal } from '../stores/pending-store';
import { describeError } from './errors';
import { failureTitle } from './kinds';
import { newOperationId } from './operation-id';

/** The lifecycle actions the list and the instance page offer. */
export type LifecycleAction =
  | 'start'
  | 'stop'
  | 'force-stop'
  | 'suspend'
  | 'restart'
  | 'delete'
  | 'recover'
  | 'purge';

/**
 * The shared predicate that gates each lifecycle action; also the operation kind the core
 * reports for it (force-stop is a stop), used to match failure titles.
 */
export const PREDICATE_OF: Readonly<Record<LifecycleAction, InstanceAction>> = {
  start: 'start',
  stop: 'stop',
  'force-stop': 'stop',
  suspend: 'suspend',
  restart: 'restart',
  delete: 'delete',
  recover: 'recover',
  purge: 'purge',
};

const GOALS: Readonly<Record<LifecycleAction, Goal>> = {
  start: (i) => i?.state === 'running',
  stop: (i) => i?.state === 'stopped',
  'force-stop': (i) => i?.state === 'stopped',
  suspend: (i) => i?.state === 'suspended',
  restart: (i) => i?.state === 'running',
  delete: (i) => i === null || i.deleted,
  recover: (i) => i !== null && !i.deleted,
  purge: (i) => i === null,
};

/** Sends the request for `action`; resolves with the instance when the reply carries one. */
async function send(berth: Berth, name: string, action: LifecycleAction) {
  const { transport } = berth;
  const operationId = newOperationId(action);
  switch (action) {
    case 'start':
      return transport.call('instances.start', { name, operationId });
    case 'stop':
      return transport.call('instances.stop', { name, operationId });
    case 'force-stop':
      return transport.call('instances.stop', { name, force: true, operationId });
    case 'suspend':
      return transport.call('instances.suspend', { name, operationId });
    case 'restart':
      return transport.call('instances.restart', { name, operationId });
    case 'recover':
      return transport.call('instances.recover', { name });
    case 'delete':
      await transport.call('instances.delete', { name });
      return null;
    case 'purge':
      await transport.call('instances.purge', { name });
      return null;
  }
}

/** Runs `action` on `name`; failures become notifications. Resolves when the request ends. */
export async function runInstanceAction(
  berth: Berth,
  name: string,
  action: LifecycleAction,
): Promise<void> {
  const pending = berth.pending.getState();
  const current: InstanceInfo | null = berth.instances.getState().byName[name] ?? null;
  pending.begin(name, action, GOALS[action], current);
  try {
    const reply = await send(berth, name, action);
    // The reply is the core's observation at the end of the action; without one, read the list.
    if (reply) berth.observe(reply);
    else if (berth.pending.getState().byName[name]?.action === action) {
      await berth.refreshInstances();
    }
    const latest = reply ?? berth.instances.getState().byName[name] ?? null;
    berth.pending.getState().settle(name, action, latest);
  } catch (error) {
    berth.pending.getState().end(name, action);
    const { message, details } = describeError(error);
    const title = failureTitle(PREDICATE_OF[action], name);
    berth.notifications.getState().push({ tone: 'error', title, message, details });
  }
}
