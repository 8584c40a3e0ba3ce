/**
 * The checks every bridge request passes before anything is served: the Host header must be
 * Berth's own loopback address (so a rebound DNS name cannot reach it), an Origin, when there
 * is one, must be that address too (so other sites cannot call it), and the token must match.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Refusal, RefusalContext } from './refusals';
import { allTokens, presentedTokens, tokenMatches } from './token';

/** What a request is checked against. */
export interface BridgeSite {
  port: number;
  token: string;
}

/** The Host values the bridge answers to. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** The Origin values the bridge's own page sends. */
export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

/** What one request brings to the checks. */
export interface CheckedRequest {
  headers: IncomingHttpHeaders;
  search: URLSearchParams;
  /** True for the WebSocket upgrade, which browsers always send with an Origin. */
  originRequired: boolean;
}

/** The first check `request` fails, or null when it may be served. */
export function checkRequest(request: CheckedRequest, site: BridgeSite): Refusal | null {
  const { headers } = request;
  const host = headers.host?.toLowerCase();
  if (!host || !allowedHosts(site.port).includes(host)) {
    return { reason: 'badHost', status: 403, message: 'Host is not Berth on this computer' };
  }

  const { origin } = headers;
  const foreign = origin !== undefined && !allowedOrigins(site.port).includes(origin);
  if (foreign || (origin === undefined && request.originRequired)) {
    return { reason: 'badOrigin', status: 403, message: 'Requests from other sites are refused' };
  }

  const tokens = allTokens(presentedTokens(request.search, headers.cookie));
  if (tokens.length === 0) {
    return { reason: 'noToken', status: 401, message: 'Open the URL berth serve printed' };
  }
  // Any match will do: another bridge on this computer may have overwritten the cookie.
  if (!tokens.some((token) => tokenMatches(token, site.token))) {
    return { reason: 'badToken', status: 401, message: 'Wrong token; open the latest URL' };
  }
  return null;
}

/** A request target the bridge understands: an origin-form path, split into its parts. */
export function parseTarget(rawUrl: string | undefined): URL | null {
  // Absolute-form targets ("GET http://elsewhere/") are proxy requests, never the page's own.
  if (!rawUrl?.startsWith('/') || rawUrl.startsWith('//')) return null;
  try {
    return new URL(rawUrl, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** What the log may say about a request: never its query, which may hold a token. */
export function describeRequest(request: IncomingMessage): RefusalContext {
  return {
    method: request.method ?? '',
    path: pathOf(request),
    host: request.headers.host ?? '',
    origin: request.headers.origin ?? '',
  };
}

/** The request's path without its query, cut short for the log. */
export function pathOf(request: IncomingMessage): string {
  return (request.url ?? '').split('?')[0]?.slice(0, 200) ?? '';
}
