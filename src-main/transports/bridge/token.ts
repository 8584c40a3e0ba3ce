/**
 * The bridge's per-run token: made fresh for every run, carried by the first page load's
 * query and afterwards by a cookie, and compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BRIDGE_TOKEN_COOKIE, BRIDGE_TOKEN_PARAM } from '../../../src-shared/bridge';

/** How many random bytes a token carries. */
const TOKEN_BYTES = 32;

/** A new token: 32 random bytes, base64url (43 characters, safe in URLs and cookies). */
export function createBridgeToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * True when `candidate` is `expected`. Both are hashed first so the comparison takes the same
 * time whatever the candidate's length or content.
 */
export function tokenMatches(candidate: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(candidate), digest(expected));
}

/** Where a request carried tokens: the query parameter and every cookie of that name. */
export interface PresentedTokens {
  query: string | null;
  cookies: string[];
}

/** Reads the tokens a request presents; `search` is the URL's query string. */
export function presentedTokens(
  search: URLSearchParams,
  cookieHeader: string | undefined,
): PresentedTokens {
  return { query: search.get(BRIDGE_TOKEN_PARAM), cookies: cookieValues(cookieHeader) };
}

/** Every token in `presented`, query first. */
export function allTokens(presented: PresentedTokens): string[] {
  return presented.query === null ? presented.cookies : [presented.query, ...presented.cookies];
}

/**
 * The Set-Cookie value that lets assets and the socket carry the token after the first load.
 *
 * Known limitation: browsers keep cookies per host, not per port, so two bridges on one
 * computer overwrite each other's cookie. The page's socket also sends `?token=` when the
 * page URL has it, and any one matching token is accepted, so the page keeps working.
 */
export function tokenCookie(token: string): string {
  // HttpOnly: page scripts never see it. SameSite=Strict: other sites' requests never carry it.
  return `${BRIDGE_TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The values of every BRIDGE_TOKEN_COOKIE in a Cookie header. */
function cookieValues(header: string | undefined): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === BRIDGE_TOKEN_COOKIE) values.push(part.slice(eq + 1).trim());
  }
  return values;
}
