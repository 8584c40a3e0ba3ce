/** Saves one setting: shown at once, confirmed by the reply, put back if the core refuses it. */
import { describeError } from '../actions/errors';
import type { Berth } from '../stores/berth';

/** Sets `key` to `value`; resolves true when the core accepted it. */
export async function saveSetting(berth: Berth, key: string, value: string): Promise<boolean> {
  const settings = berth.settings.getState();
  const before = settings.values[key];
  // Optimistic, so a theme change shows on the same frame as the click.
  settings.put(key, value);
  try {
    const reply = await berth.transport.call('settings.set', { key, value });
    berth.settings.getState().put(reply.key, reply.value);
    return true;
  } catch (error) {
    if (before !== undefined) berth.settings.getState().put(key, before);
    const { message, details } = describeError(error);
    const title = `Could not change ${key}`;
    berth.notifications.getState().push({ tone: 'error', title, message, details });
    return false;
  }
}
