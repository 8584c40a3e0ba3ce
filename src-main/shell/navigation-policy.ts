/**
 * Where the window may go. Berth's page lives at APP_ORIGIN; it may move within itself, https
 * links open in the user's browser, and everything else (other pages, file URLs, new
 * windows, permission prompts) is refused.
 */

/** The privileged scheme the shell serves the renderer from (see app-protocol.ts). */
export const APP_SCHEME = 'berth';

/** The origin of Berth's own page. */
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** The page the window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** What to do with a URL the page tries to open or navigate to. */
export type NavigationVerdict = 'allow' | 'open-external' | 'deny';

/** True when `url` is Berth's own page (any path, query or fragment on the app origin). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app';
}

/** The verdict for a navigation of the window itself (links, location changes). */
export function navigationVerdict(url: string): NavigationVerdict {
  if (isAppUrl(url)) return 'allow';
  return isExternalLink(url) ? 'open-external' : 'deny';
}

/**
 * The verdict for window.open and target=_blank: never a new Electron window, since a second
 * window would not be checked like the first; https links go to the browser instead.
 */
export function windowOpenVerdict(url: string): Exclude<NavigationVerdict, 'allow'> {
  return isExternalLink(url) ? 'open-external' : 'deny';
}

/** Only https leaves the app; http, file, custom schemes and javascript: never do. */
export function isExternalLink(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.username === '';
}

/**
 * Permissions the page may be granted. Berth's window needs none (no camera, notifications
 * go through the main process), so the list is empty and every request is denied.
 */
export const PERMISSION_ALLOW_LIST: readonly string[] = [];

/** True when the page may have `permission`. */
export function permissionAllowed(permission: string): boolean {
  return PERMISSION_ALLOW_LIST.includes(permission);
}

/**
 * The page's content-security policy, sent as a header with every response of the app
 * scheme. Starts from nothing and allows only the app's own scripts, styles and images.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
