/**
 * Picks the window's transport: the Electron preload's `window.berth` when the shell provides
 * one, else the loopback bridge over WebSocket (`berth serve`). Nothing else in the renderer
 * knows which it has.
 */
import { type BerthPreloadApi, preloadTransport } from '../../src-shared/preload-api';
import { createBridgeClient } from './bridge-client';
import type { RendererTransport } from './transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served by the loopback bridge. */
    berth?: BerthPreloadApi;
  }
}

/** The transport this page should use. */
export function createTransport(): RendererTransport {
  return window.berth ? preloadTransport(window.berth) : createBridgeClient();
}
