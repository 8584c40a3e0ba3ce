/**
 * Which file answers a request on the app scheme. The renderer is served from `berth://app/`
 * rather than file:// so that the page gets a real origin (file:// pages may read other local
 * files) and a content-security policy header (file:// responses carry no headers).
 */
import { extname, join, normalize, sep } from 'node:path';
import { APP_ORIGIN } from './navigation-policy';

/** Content types of the files the renderer build emits. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** One resolved asset: the file and its content type. */
export interface AppAsset {
  path: string;
  contentType: string;
}

/**
 * The file under `rendererDir` that `url` names, or null for anything outside it (another
 * host, `..` escapes, encoded separators) or of a type the renderer never serves.
 */
export function resolveAppAsset(url: string, rendererDir: string): AppAsset | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;

  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  if (relative.includes('\\') || relative.includes('\0')) return null;

  const root = normalize(rendererDir);
  const path = normalize(join(root, relative));
  if (!path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return null;
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  return contentType ? { path, contentType } : null;
}
