/**
 * Opens the core on a data directory: takes the owner lock, loads settings and scopes, attaches
 * drivers, and returns the dispatcher transports serve. Placeholder until the core lands.
 */
import { BerthError } from '../../src-shared/errors';
import type { Dispatcher } from '../transports/dispatcher';

/** How to open the core. */
export interface CoreOptions {
  dataDir: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/** An open core owning one data directory. */
export interface Core {
  dispatcher: Dispatcher;
  /** Detaches from running VMs (they keep running), flushes, releases the lock. */
  close(): Promise<void>;
}

/**
 * Opens the core. Throws BerthError('BUSY') when another live process owns `dataDir`.
 */
export async function openCore(_options: CoreOptions): Promise<Core> {
  throw new BerthError('INTERNAL', 'core not assembled yet');
}
