/**
 * What the renderer talks to: the shared BerthClient plus the state of the connection. The
 * Electron preload (window.berth) and the loopback bridge client both provide it, so nothing
 * else in the renderer knows which one it has.
 */
import type { BerthClient } from '../../src-shared/api';

/** Whether the renderer can reach the core right now. */
export type ConnectionStatus = 'connecting' | 'open' | 'lost';

/** A BerthClient that also reports its connection. */
export interface RendererTransport extends BerthClient {
  /** The status now. */
  status(): ConnectionStatus;
  /** Calls `listener` on every change (after a reconnect, state must be fetched again). */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}
