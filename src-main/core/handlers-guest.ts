/** Handlers for commands and terminals in guests (`instances.exec`, `terminal.*`). */
import { BerthError } from '../../src-shared/errors';
import type { ApiHandlers } from '../transports/dispatcher';
import type { BerthCore } from './berth-core';

type GuestMethods =
  | 'instances.exec'
  | 'terminal.open'
  | 'terminal.input'
  | 'terminal.resize'
  | 'terminal.close';

/** Placeholder until the guest-access work lands. */
export function guestHandlers(_core: BerthCore): Pick<ApiHandlers, GuestMethods> {
  const refuse = async (): Promise<never> => {
    throw new BerthError('UNSUPPORTED', 'Not built yet');
  };
  return {
    'instances.exec': refuse,
    'terminal.open': refuse,
    'terminal.input': refuse,
    'terminal.resize': refuse,
    'terminal.close': refuse,
  };
}
