/**
 * A stand-in for the parts of Electron the shell uses, for tests that run the shell's
 * composition in Node (`vi.mock('electron', ...)`). It records what the shell asked for —
 * windows and their options, tray images and menus, notifications, dialogs — and lets the test
 * play the page (IPC messages) and the user (dialog answers, quitting).
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
type Listener = (event: unknown, ...args: unknown[]) => void;

/** What the shell created, newest last. */
export const created = {
  windows: [] as BrowserWindow[],
  trays: [] as Tray[],
  notifications: [] as Notification[],
  dialogs: [] as Record<string, unknown>[],
};

/** The next answers the message box gives, in order; Cancel-like index 2 when none is left. */
export const dialogAnswers: { response: number; checkboxChecked: boolean }[] = [];

/** Forgets everything, between tests. */
export function resetFakeElectron(): void {
  created.windows.length = 0;
  created.trays.length = 0;
  created.notifications.length = 0;
  created.dialogs.length = 0;
  dialogAnswers.length = 0;
  app.removeAllListeners();
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
}

let nextContentsId = 1;

class WebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: unknown[][] = [];
  readonly mainFrame = { url: '', parent: null };
  readonly session = {
    setPermissionRequestHandler: (_handler: unknown) => undefined,
    setPermissionCheckHandler: (_handler: unknown) => undefined,
  };
  destroyed = false;
  setWindowOpenHandler(_handler: unknown): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    return false;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  /** An IPC event as if this page's top frame had sent it. */
  ipcEvent(): { sender: WebContents; senderFrame: { url: string; parent: null } } {
    return { sender: this, senderFrame: this.mainFrame };
  }
}

/** A window that never paints; loading a URL makes it ready at once. */
export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  visible = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    created.windows.push(this);
  }
  static getAllWindows(): BrowserWindow[] {
    return created.windows.filter((w) => !w.destroyed);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    this.emit('ready-to-show');
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  restore(): void {}
  maximize(): void {}
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1200, height: 780 };
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };

/** One display. */
export const screen = {
  getAllDisplays: () => [display],
  getPrimaryDisplay: () => display,
};

/** Opening links does nothing. */
export const shell = { openExternal: async (_url: string) => undefined };

/** Message boxes answer from dialogAnswers. */
export const dialog = {
  showMessageBox: async (options: Record<string, unknown>) => {
    created.dialogs.push(options);
    return dialogAnswers.shift() ?? { response: 2, checkboxChecked: false };
  },
  showErrorBox: (_title: string, _message: string) => undefined,
};

/** Menus keep their template. */
export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ template }),
};

/** Images remember their file. */
export const nativeImage = {
  createFromPath: (path: string) => ({ path }),
};

/** A tray icon that keeps what it was given. */
export class Tray {
  image: { path: string };
  toolTip = '';
  menu: { template: unknown[] } | null = null;
  destroyed = false;
  constructor(image: { path: string }) {
    this.image = image;
    created.trays.push(this);
  }
  setImage(image: { path: string }): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.toolTip = text;
  }
  setContextMenu(menu: { template: unknown[] }): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** Notifications are recorded when shown. */
export class Notification extends EventEmitter {
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    created.notifications.push(this);
  }
}

class App extends EventEmitter {
  isPackaged = false;
  readonly paths = new Map<string, string>();
  /** Whether another instance already holds the lock (the test sets it). */
  lockHeldElsewhere = false;
  /** The exit code passed to app.exit, once it has been called. */
  exitCode: number | null = null;
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  requestSingleInstanceLock(): boolean {
    return !this.lockHeldElsewhere;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  exit(code = 0): void {
    this.exitCode = code;
    this.emit('exited', code);
  }
  /** Like Electron: before-quit first, and the quit happens only if nobody prevented it. */
  quit(): void {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('will-quit');
  }
  getLoginItemSettings() {
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }
  setLoginItemSettings(_settings: unknown): void {}
}

/** The app. */
export const app = new App();

class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke from `contents` would get. */
  invoke(contents: WebContents, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return Promise.resolve(handler(contents.ipcEvent(), ...args));
  }
  /** What ipcRenderer.send from `contents` would do. */
  sendFrom(contents: WebContents, channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners(channel) as Listener[]) {
      listener(contents.ipcEvent(), ...args);
    }
  }
}

/** The IPC hub. */
export const ipcMain = new IpcMain();

type ProtocolHandler = (request: Request) => Promise<Response>;

/** Custom schemes: what was declared privileged, and the handler per scheme. */
export const protocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]) {
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    protocol.handlers.set(scheme, handler);
  },
};
