import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, MIN_WINDOW, placeWindow, windowOptions } from './window-options';
import type { WindowState } from './window-state';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };
const saved = (extra: Partial<WindowState> = {}): WindowState => ({
  version: 1,
  x: 100,
  y: 120,
  width: 1000,
  height: 700,
  maximized: false,
  ...extra,
});
const options = (state: WindowState | null = null) =>
  windowOptions({
    preloadPath: '/app/dist/shell/preload.cjs',
    saved: state,
    workAreas: [screen],
    backgroundColor: '#1d232a',
  });

describe('the main window’s security flags', () => {
  const prefs = options().webPreferences ?? {};

  it('isolates the page from the preload and sandboxes its renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
  });

  it('gives the page, its workers and its subframes no Node', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on; no insecure content, webviews or dropped-file navigation', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('loads the bundled preload', () => {
    expect(prefs.preload).toBe('/app/dist/shell/preload.cjs');
  });

  it('starts hidden so it is shown only once painted', () => {
    expect(options().show).toBe(false);
    expect(options().backgroundColor).toBe('#1d232a');
  });
});

describe('the main window’s size and place', () => {
  it('opens at the default size, centred by Electron, the first time', () => {
    expect(placeWindow(null, [screen])).toEqual(DEFAULT_WINDOW);
  });

  it('reopens where it was left', () => {
    expect(placeWindow(saved(), [screen])).toEqual({ x: 100, y: 120, width: 1000, height: 700 });
    expect(options(saved()).minWidth).toBe(MIN_WINDOW.width);
  });

  it('is never smaller than the layout needs nor larger than the screen', () => {
    expect(placeWindow(saved({ width: 200, height: 100 }), [screen])).toMatchObject(MIN_WINDOW);
    expect(placeWindow(saved({ width: 5000, height: 4000 }), [screen])).toMatchObject({
      width: 1920,
      height: 1080,
    });
  });

  it('is centred again when its display is gone', () => {
    const onUnpluggedMonitor = saved({ x: 2500, y: 100 });
    expect(placeWindow(onUnpluggedMonitor, [screen])).toEqual({ width: 1000, height: 700 });
  });

  it('keeps a position on a second display that is still there', () => {
    const second = { x: 1920, y: 0, width: 1280, height: 1024 };
    const there = saved({ x: 2000, y: 50 });
    expect(placeWindow(there, [screen, second])).toMatchObject({ x: 2000, y: 50 });
  });

  it('is centred when its title bar would be off screen, so it can still be dragged', () => {
    expect(placeWindow(saved({ y: -300 }), [screen])).toEqual({ width: 1000, height: 700 });
  });
});
