/**
 * The loopback bridge's fixed names: where the page and the contract are served. The bridge
 * serves the built renderer at `/`, the contract as WebSocket frames (the shared request,
 * reply and event frames of api.ts) at BRIDGE_API_PATH, only on 127.0.0.1.
 */

/** The WebSocket path that carries request, reply and event frames. */
export const BRIDGE_API_PATH = '/api';

/** The query parameter that carries the per-run token on the first page load. */
export const BRIDGE_TOKEN_PARAM = 'token';

/** The cookie the bridge sets from that token, so assets and the socket carry it too. */
export const BRIDGE_TOKEN_COOKIE = 'berth-token';

/** The largest WebSocket message the bridge accepts from the page, in bytes (2 MiB). */
export const BRIDGE_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
