/**
 * How a CLI command reaches the core. If a process already owns the data directory (the app,
 * `berth daemon`, or another command), the CLI talks to it over the local socket. Otherwise this
 * process opens the core itself for the one command and serves the socket meanwhile, so a
 * concurrent `berth` can talk to it.
 *
 * Known limitation: a command that borrowed such a short-lived owner loses its connection
 * when the owning command ends; it fails with "closed the connection" rather than moving over.
 * `berth daemon` (or the app) avoids this by staying up.
 */
import type { BerthClient } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import { type Core, type CoreOptions, openCore as openRealCore } from '../core/core';
import { createClientDispatcher } from '../transports/client-dispatcher';
import type { Dispatcher } from '../transports/dispatcher';
import { createInProcessClient } from '../transports/in-process-client';
import { connectLocalSocket } from '../transports/local-socket-client';
import { serveLocalSocket } from '../transports/local-socket-server';
import { isNobodyListening, socketPathFor } from '../transports/socket-path';

/** Opens the core; the real one unless a test injects a fake. */
export type OpenCore = (options: CoreOptions) => Promise<Core>;

/** How to reach the core. */
export interface SessionOptions {
  dataDir: string;
  openCore?: OpenCore;
  /**
   * How long to keep trying to connect after `openCore` said BUSY, in ms: another process has
   * just taken the lock and is about to serve.
   */
  busyRetryMs?: number;
}

/** A way to the core for one CLI invocation. */
export interface Session {
  readonly socketPath: string;
  /** Runs `fn` with a client, owning the core for its duration when nobody else does. */
  withClient<T>(fn: (client: BerthClient) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` with a dispatcher for serving the contract: the core's own when this process
   * opens it (the local socket is served meanwhile), else one over the owner's socket.
   */
  withDispatcher<T>(fn: (dispatcher: Dispatcher, access: CoreAccess) => Promise<T>): Promise<T>;
  /** A client to an owner that is already running, or null when there is none. */
  tryConnect(): Promise<BerthClient | null>;
  /** Owns the core and serves the socket until `stop` settles; calls `onReady` once serving. */
  serveUntil(stop: Promise<unknown>, onReady: (socketPath: string) => void): Promise<void>;
}

/** How a session reached the core: opened here, or through another owner's socket. */
export type CoreAccess = 'owned' | 'remote';

const DEFAULT_BUSY_RETRY_MS = 5000;
const RETRY_INTERVAL_MS = 100;

/** Creates the session for a data directory. */
export function createSession(options: SessionOptions): Session {
  const { dataDir } = options;
  const socketPath = socketPathFor(dataDir);
  const openCore = options.openCore ?? openRealCore;

  const tryConnect = async (): Promise<BerthClient | null> => {
    try {
      return await connectLocalSocket(socketPath);
    } catch (error) {
      if (isNobodyListening(error)) return null;
      throw error;
    }
  };

  /** Reaches the core through an owner if one answers, else by opening it here. */
  const reach = async <T>(
    viaOwner: (client: BerthClient) => Promise<T>,
    asOwner: (core: Core) => Promise<T>,
  ): Promise<T> => {
    const deadline = Date.now() + (options.busyRetryMs ?? DEFAULT_BUSY_RETRY_MS);
    for (;;) {
      const remote = await tryConnect();
      if (remote) return callThenClose(remote, viaOwner);
      const core = await openUnlessBusy(openCore, dataDir, Date.now() < deadline);
      if (core) return runAsOwner(core, socketPath, dataDir, asOwner);
      await new Promise((resolve) => setTimeout(resolve, RETRY_INTERVAL_MS));
    }
  };

  const withClient = <T>(fn: (client: BerthClient) => Promise<T>): Promise<T> =>
    reach(fn, (core) => callThenClose(createInProcessClient(core.dispatcher), fn));

  const withDispatcher = <T>(
    fn: (dispatcher: Dispatcher, access: CoreAccess) => Promise<T>,
  ): Promise<T> =>
    reach(
      (client) => fn(createClientDispatcher(client), 'remote'),
      (core) => fn(core.dispatcher, 'owned'),
    );

  const serveUntil = async (stop: Promise<unknown>, onReady: (path: string) => void) => {
    const remote = await tryConnect();
    if (remote) {
      await remote.close();
      throw new BerthError('BUSY', `Another Berth process already owns ${dataDir}`, [
        `It is serving ${socketPath}`,
      ]);
    }
    const core = await openCore({ dataDir });
    await runAsOwner(core, socketPath, dataDir, async () => {
      onReady(socketPath);
      await stop;
    });
  };

  return { socketPath, withClient, withDispatcher, tryConnect, serveUntil };
}

async function callThenClose<T>(
  client: BerthClient,
  fn: (c: BerthClient) => Promise<T>,
): Promise<T> {
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

/** Opens the core; null on BUSY while `mayRetry` (another process has just become owner). */
async function openUnlessBusy(openCore: OpenCore, dataDir: string, mayRetry: boolean) {
  try {
    return await openCore({ dataDir });
  } catch (error) {
    if (!(error instanceof BerthError) || error.code !== 'BUSY') throw error;
    if (mayRetry) return null;
    throw new BerthError('BUSY', `Another Berth process owns ${dataDir} but does not answer`, [
      error.message,
      'If that process is stuck, end it and run the command again.',
    ]);
  }
}

/** Serves the socket and runs `fn` in this process, then closes everything it opened. */
async function runAsOwner<T>(
  core: Core,
  socketPath: string,
  dataDir: string,
  fn: (core: Core) => Promise<T>,
): Promise<T> {
  const server = await serveLocalSocket(core.dispatcher, socketPath, { dataDir }).catch(
    async (error: unknown) => {
      await core.close();
      throw error;
    },
  );
  try {
    return await fn(core);
  } finally {
    await server.close();
    await core.close();
  }
}
