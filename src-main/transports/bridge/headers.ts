/** The headers the bridge sends with every response: a strict CSP and the usual hardening. */
import { allowedHosts } from './request-checks';

/**
 * The content-security policy: nothing by default, then only the page's own scripts, styles,
 * fonts and images, and only the bridge's own WebSocket. No framing, no forms, no <base>.
 */
export function contentSecurityPolicy(port: number): string {
  const sockets = allowedHosts(port).map((host) => `ws://${host}`);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${sockets.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers for every response, refusals included. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    // The page URL carries the token; no request may pass it on.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // The token-gated page must not linger in shared caches or the back-forward cache on disk.
    'Cache-Control': 'no-store',
  };
}
