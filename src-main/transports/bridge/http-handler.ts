/**
 * The bridge's plain HTTP side: checks each request, then serves the built renderer's files.
 * The first page load carries the token in its query; its response sets the token cookie.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BRIDGE_API_PATH, BRIDGE_TOKEN_PARAM } from '../../../src-shared/bridge';
import type { Logger } from '../../core/logger';
import { securityHeaders } from './headers';
import type { Refusal, RefusalLog } from './refusals';
import {
  type BridgeSite,
  checkRequest,
  describeRequest,
  parseTarget,
  pathOf,
} from './request-checks';
import { findStaticFile } from './static-files';
import { tokenCookie, tokenMatches } from './token';

/** What the handler serves and where it reports. */
export interface HttpHandlerOptions {
  site: BridgeSite;
  /** The folder of the built renderer. */
  rootDir: string;
  refusals: RefusalLog;
  log: Logger;
}

/** Creates the `request` listener for the bridge's HTTP server. */
export function createHttpHandler(options: HttpHandlerOptions) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response, options).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      options.log.error('bridge failed to answer a request', { path: pathOf(request), message });
      if (!response.headersSent) sendText(response, options.site.port, 500, 'Internal error');
      else response.destroy();
    });
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: HttpHandlerOptions,
): Promise<void> {
  const { site } = options;
  const target = parseTarget(request.url);
  if (!target) {
    refuse(response, request, options, badPath('Not a path on this server', 400));
    return;
  }

  const refusal = checkRequest(
    { headers: request.headers, search: target.searchParams, originRequired: false },
    site,
  );
  if (refusal) {
    refuse(response, request, options, refusal);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const message = 'Only GET and HEAD are served';
    refuse(response, request, options, { reason: 'badMethod', status: 405, message });
    return;
  }
  if (target.pathname === BRIDGE_API_PATH) {
    sendText(response, site.port, 426, 'The API is served over WebSocket');
    return;
  }

  await serveFile(request, response, target, options);
}

async function serveFile(
  request: IncomingMessage,
  response: ServerResponse,
  target: URL,
  options: HttpHandlerOptions,
): Promise<void> {
  const lookup = await findStaticFile(options.rootDir, target.pathname);
  if (lookup.kind === 'refused') {
    refuse(response, request, options, badPath('That path is outside the Berth window', 403));
    return;
  }
  if (lookup.kind === 'missing') {
    sendText(response, options.site.port, 404, 'Not found');
    return;
  }

  const body = await readFile(lookup.path);
  response.writeHead(200, {
    ...securityHeaders(options.site.port),
    'Content-Type': lookup.contentType,
    'Content-Length': body.length,
    ...cookieHeader(target, options.site.token),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** Sets the cookie when the query carried the right token, so later requests need no query. */
function cookieHeader(target: URL, token: string): Record<string, string> {
  const fromQuery = target.searchParams.get(BRIDGE_TOKEN_PARAM);
  return fromQuery !== null && tokenMatches(fromQuery, token)
    ? { 'Set-Cookie': tokenCookie(token) }
    : {};
}

function badPath(message: string, status: number): Refusal {
  return { reason: 'badPath', status, message };
}

function refuse(
  response: ServerResponse,
  request: IncomingMessage,
  options: HttpHandlerOptions,
  refusal: Refusal,
): void {
  options.refusals.record(refusal, describeRequest(request));
  sendText(response, options.site.port, refusal.status, refusal.message);
}

function sendText(response: ServerResponse, port: number, status: number, text: string): void {
  const body = `${text}\n`;
  response.writeHead(status, {
    ...securityHeaders(port),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...(status === 405 ? { Allow: 'GET, HEAD' } : {}),
  });
  response.end(body);
}
