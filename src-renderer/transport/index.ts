/**
 * Picks the window's transport: the Electron preload's `window.berth` when the shell provides
 * one (a later issue), else the loopback bridge over WebSocket (`berth serve`).
 */
import { createBridgeClient } from './bridge-client';
import type { RendererTransport } from './transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served by the loopback bridge. */
    berth?: RendererTransport;
  }
}

/** The transport this page should use. */
export function createTransport(): RendererTransport {
  return window.berth ?? createBridgeClient();
}
