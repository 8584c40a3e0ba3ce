/** Where Berth keeps its data on each platform, and the layout inside it. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The data directory: `BERTH_HOME` if set, else the XDG data dir on Linux, Application Support
 * on macOS, AppData (Local) on Windows.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  os = process.platform,
): string {
  if (env.BERTH_HOME) return env.BERTH_HOME;
  const home = homedir();
  if (os === 'darwin') return join(home, 'Library', 'Application Support', 'Berth');
  if (os === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Berth');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'berth');
}

/** The user's log folder: `<data>/logs` (kept beside the data so `BERTH_HOME` isolates it too). */
export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

/** Paths inside a data directory. */
export const layout = {
  settingsFile: (data: string) => join(data, 'settings.json'),
  lockFile: (data: string) => join(data, 'owner.lock'),
  /** The owner's local socket; a named pipe on Windows. */
  socketPath: (data: string) =>
    process.platform === 'win32'
      ? `\\\\.\\pipe\\berth-${Buffer.from(data).toString('hex').slice(-40)}`
      : join(data, 'berth.sock'),
  sshKeyFile: (data: string) => join(data, 'ssh', 'id_ed25519'),
  /** Remote servers: `remotes.json` and a private folder of credentials per remote. */
  remotesDir: (data: string) => join(data, 'remotes'),
  scopeDir: (data: string, scope: string) => join(data, 'scopes', scope),
  scopeFile: (data: string, scope: string) => join(data, 'scopes', scope, 'instances.json'),
  instanceDir: (data: string, scope: string, name: string) =>
    join(data, 'scopes', scope, 'instances', name),
} as const;
