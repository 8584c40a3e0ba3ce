/** Handlers for native mounts and extra networks (`mounts.*`, `networks.*`). */
import { BerthError } from '../../src-shared/errors';
import type { ApiHandlers } from '../transports/dispatcher';
import type { BerthCore } from './berth-core';

type DeviceMethods =
  | 'mounts.list'
  | 'mounts.add'
  | 'mounts.remove'
  | 'networks.list'
  | 'networks.add'
  | 'networks.remove';

/** Placeholder until the devices work lands. */
export function deviceHandlers(_core: BerthCore): Pick<ApiHandlers, DeviceMethods> {
  const refuse = async (): Promise<never> => {
    throw new BerthError('UNSUPPORTED', 'Not built yet');
  };
  return {
    'mounts.list': refuse,
    'mounts.add': refuse,
    'mounts.remove': refuse,
    'networks.list': refuse,
    'networks.add': refuse,
    'networks.remove': refuse,
  };
}
