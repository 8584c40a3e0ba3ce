/**
 * The loopback bridge: the built renderer and the contract (over WebSocket) for a browser, on
 * 127.0.0.1 only. Every request must carry the per-run token and come from Berth's own
 * address; see request-checks.ts for what is refused and why.
 */
import { createServer, type Server } from 'node:http';
import { BRIDGE_MAX_MESSAGE_BYTES, BRIDGE_TOKEN_PARAM } from '../../../src-shared/bridge';
import { BerthError } from '../../../src-shared/errors';
import { type Logger, silentLogger } from '../../core/logger';
import type { Dispatcher } from '../dispatcher';
import { createApiSockets } from './api-sockets';
import { createHttpHandler } from './http-handler';
import { createRefusalLog, type RefusalCounts } from './refusals';
import type { BridgeSite } from './request-checks';
import { defaultRendererDir } from './static-files';
import { createBridgeToken } from './token';

/** The only address the bridge listens on. */
export const BRIDGE_HOST = '127.0.0.1';

/** How to start the bridge. */
export interface BridgeOptions {
  /** The TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** The built renderer's folder; defaults to dist/renderer in Berth's package. */
  rootDir?: string;
  /** The token; a fresh random one when omitted (tests pass their own). */
  token?: string;
  log?: Logger;
  /** Largest WebSocket message accepted from the page, in bytes. */
  maxMessageBytes?: number;
}

/** A running bridge. */
export interface Bridge {
  /** The page's address with the token: `http://127.0.0.1:<port>/?token=<token>`. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** How many requests and frames were refused, by reason. */
  refusals(): RefusalCounts;
  /** Ends every socket and stops listening. */
  close(): Promise<void>;
}

/** Starts the bridge over `dispatcher`. Throws BUSY when the given port is taken. */
export async function startBridge(
  dispatcher: Dispatcher,
  options: BridgeOptions = {},
): Promise<Bridge> {
  const log = options.log ?? silentLogger;
  // Filled in once listening; no request can arrive before that.
  const token = options.token ?? createBridgeToken();
  const site: BridgeSite = { port: options.port ?? 0, token };
  const refusals = createRefusalLog(log);
  const server = createServer(
    createHttpHandler({ site, rootDir: options.rootDir ?? defaultRendererDir(), refusals, log }),
  );
  const sockets = createApiSockets({
    dispatcher,
    site,
    refusals,
    log,
    maxMessageBytes: options.maxMessageBytes ?? BRIDGE_MAX_MESSAGE_BYTES,
  });
  server.on('upgrade', sockets.handleUpgrade);

  site.port = await listen(server, site.port).catch(async (error: unknown) => {
    await sockets.close();
    throw error;
  });
  const url = `http://${BRIDGE_HOST}:${site.port}/?${BRIDGE_TOKEN_PARAM}=${site.token}`;
  log.info('bridge listening', { port: site.port });

  const close = async (): Promise<void> => {
    await sockets.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    log.info('bridge closed', { port: site.port, refusals: refusals.counts() });
  };
  return { url, port: site.port, token: site.token, refusals: refusals.counts, close };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') reject(error);
      else reject(new BerthError('BUSY', `Port ${port} on ${BRIDGE_HOST} is already in use`));
    };
    server.once('error', onError);
    server.listen(port, BRIDGE_HOST, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
