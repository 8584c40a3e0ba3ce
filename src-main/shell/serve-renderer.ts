/**
 * Serves the built renderer on the privileged `berth://app/` scheme with the content-security
 * policy as a real response header. The scheme must be declared before the app is ready.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import type { Logger } from '../core/logger';
import { resolveAppAsset } from './app-protocol';
import { APP_SCHEME, CONTENT_SECURITY_POLICY } from './navigation-policy';

/** Declares the scheme as standard and secure (a real origin); call before app ready. */
export function declareAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Answers the scheme's requests from `rendererDir`; anything outside it is a 404. */
export function serveRenderer(rendererDir: string, log: Logger): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(request.url, rendererDir);
    if (!asset) return notFound();
    try {
      const body = await readFile(asset.path);
      const headers = {
        'content-type': asset.contentType,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      };
      return new Response(new Uint8Array(body), { status: 200, headers });
    } catch (error) {
      log.warn('renderer file missing', { url: request.url, error: String(error) });
      return notFound();
    }
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
}
