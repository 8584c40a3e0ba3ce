/**
 * Finding the built renderer's files for a URL path without ever leaving their folder: `..`
 * segments, encoded slashes and backslashes, NUL bytes and symlinks pointing out are refused.
 */
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { packageRoot } from '../../host/package-root';

/** The page every visit to `/` gets. */
export const INDEX_FILE = 'index.html';

/** Content types by file extension; anything else is served as opaque bytes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** The built renderer: dist/renderer in Berth's package. */
export function defaultRendererDir(): string {
  return join(packageRoot(), 'dist', 'renderer');
}

/** The content type for a file name. */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** A file to serve, no such file, or a path that tries to leave the folder. */
export type StaticLookup =
  | { kind: 'file'; path: string; contentType: string }
  | { kind: 'missing' }
  | { kind: 'refused' };

/** Looks up the file for `pathname` (the URL's path, still percent-encoded) under `root`. */
export async function findStaticFile(root: string, pathname: string): Promise<StaticLookup> {
  const relativePath = safeRelativePath(pathname);
  if (relativePath === null) return { kind: 'refused' };
  const path = resolve(root, relativePath);
  if (!isInside(resolve(root), path)) return { kind: 'refused' };

  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return { kind: 'missing' };
  // A symlink inside the folder may still point out of it.
  const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)]);
  if (!isInside(realRoot, realPath)) return { kind: 'refused' };
  return { kind: 'file', path, contentType: contentTypeFor(path) };
}

/** The path below the root that `pathname` names, or null when it is not a plain path. */
function safeRelativePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded)) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '..')) return null;
  return decoded === '/' ? INDEX_FILE : segments.join('/');
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel);
}
