/** Handlers for remote servers (`remotes.*`). */
import { BerthError } from '../../src-shared/errors';
import type { ApiHandlers } from '../transports/dispatcher';
import type { BerthCore } from './berth-core';

type RemoteMethods = 'remotes.list' | 'remotes.add' | 'remotes.remove';

/** Placeholder until the remotes work lands. */
export function remoteHandlers(_core: BerthCore): Pick<ApiHandlers, RemoteMethods> {
  const refuse = async (): Promise<never> => {
    throw new BerthError('UNSUPPORTED', 'Not built yet');
  };
  return { 'remotes.list': refuse, 'remotes.add': refuse, 'remotes.remove': refuse };
}
