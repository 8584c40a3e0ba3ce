/**
 * Finds the local LXD daemon and asks it what it can do: its socket, whether it trusts us,
 * its version, and which instance types (containers, virtual machines) it can run. Every
 * failure comes back as a reason plus the fix.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DriverProbe } from '../driver';
import { isRemote, LxdClient, type LxdEndpoint } from './rest-client';
import { type LxdServer, serverSchema } from './schemas';

/** The instance types LXD knows. */
export type LxdInstanceType = 'container' | 'virtual-machine';

/** The probe as the core sees it, plus what the driver needs when LXD is usable. */
export interface LxdProbeResult {
  probe: DriverProbe;
  /** Where the server was reached; null when no socket was found. */
  endpoint: LxdEndpoint | null;
  /** The instance types this server can run; empty when unavailable. */
  types: LxdInstanceType[];
  /** True when the server takes `cloud-init.*` keys (else `user.*`). */
  cloudInitKeys: boolean;
}

/** Where LXD's socket may be: `$LXD_DIR`, Debian's package, then the snap. */
export function socketCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = env.LXD_DIR ? [join(env.LXD_DIR, 'unix.socket')] : [];
  return [...fromEnv, '/var/lib/lxd/unix.socket', '/var/snap/lxd/common/lxd/unix.socket'];
}

const INSTALL_FIX =
  'Install LXD (Debian: sudo apt install lxd; elsewhere: sudo snap install lxd), start it and ' +
  'run lxd init';
const REMOTE_FIX =
  'Check that the server listens there (core.https_address), or add it again with a new ' +
  'trust token (lxc config trust add on the server)';
const GROUP_FIX = 'Add your user to the lxd group (sudo usermod -aG lxd $USER) and log in again';

/** The instance types a server reports: `instance_types` when given, else its drivers. */
export function instanceTypesOf(server: LxdServer): LxdInstanceType[] {
  const listed = server.environment.instance_types;
  const drivers = (server.environment.driver ?? '').split('|').map((d) => d.trim());
  const types: LxdInstanceType[] = [];
  if (listed ? listed.includes('container') : drivers.includes('lxc')) types.push('container');
  if (listed ? listed.includes('virtual-machine') : drivers.includes('qemu')) {
    types.push('virtual-machine');
  }
  return types;
}

/** The warning shown when the server can run containers but not virtual machines. */
export const NO_VM_WARNING =
  'This LXD server cannot run virtual machines (it reports no qemu driver, e.g. no KVM or ' +
  'vhost_vsock); instances are system containers';

function failed(reason: string, fix: string, endpoint: LxdEndpoint | null): LxdProbeResult {
  const probe: DriverProbe = {
    available: false,
    version: null,
    acceleration: null,
    warnings: [],
    reason,
    fix,
    instanceTypes: [],
  };
  return { probe, endpoint, types: [], cloudInitKeys: false };
}

async function findSocket(candidates: string[]): Promise<string | null> {
  for (const path of candidates) {
    const info = await stat(path).catch(() => null);
    if (info?.isSocket()) return path;
  }
  return null;
}

/** Why connecting to `endpoint` failed, as reason and fix. */
function connectFailure(endpoint: LxdEndpoint, error: unknown): LxdProbeResult {
  const message = error instanceof Error ? error.message : String(error);
  if (isRemote(endpoint)) {
    const reason = `The LXD server at ${endpoint.url} does not answer (${message})`;
    return failed(reason, REMOTE_FIX, endpoint);
  }
  const { socketPath } = endpoint;
  if (/EACCES|EPERM/.test(message)) {
    return failed(`No permission to use LXD's socket ${socketPath}`, GROUP_FIX, endpoint);
  }
  const reason = `LXD does not answer on ${socketPath} (${message})`;
  return failed(reason, 'Start LXD (sudo systemctl start lxd, or lxd --group lxd &)', endpoint);
}

/** Probes the local LXD daemon, found among `candidates`. */
export async function probeLxd(candidates = socketCandidates()): Promise<LxdProbeResult> {
  const socketPath = await findSocket(candidates);
  if (!socketPath) {
    const reason = `LXD's socket was not found (looked at ${candidates.join(', ')})`;
    return failed(reason, INSTALL_FIX, null);
  }
  return probeEndpoint({ socketPath });
}

/** Probes the LXD server at `endpoint` (local socket or remote HTTPS). */
export async function probeEndpoint(endpoint: LxdEndpoint): Promise<LxdProbeResult> {
  let server: LxdServer;
  try {
    server = await new LxdClient(endpoint).get('/1.0', serverSchema);
  } catch (error) {
    return connectFailure(endpoint, error);
  }
  if (server.auth !== 'trusted') {
    const who = isRemote(endpoint) ? `The LXD server at ${endpoint.url}` : 'LXD';
    const fix = isRemote(endpoint) ? REMOTE_FIX : GROUP_FIX;
    return failed(`${who} does not trust this client (auth: ${server.auth})`, fix, endpoint);
  }
  const types = instanceTypesOf(server);
  const version = server.environment.server_version ?? 'unknown';
  if (types.length === 0) {
    const reason = `LXD ${version} reports no instance driver it can run`;
    return failed(reason, "Check LXD's log for why liblxc and QEMU are unusable", endpoint);
  }
  const probe: DriverProbe = {
    available: true,
    version,
    acceleration: types.join(', '),
    warnings: types.includes('virtual-machine') ? [] : [NO_VM_WARNING],
    reason: null,
    fix: null,
    instanceTypes: types,
  };
  const cloudInitKeys = server.api_extensions.includes('cloud_init');
  return { probe, endpoint, types, cloudInitKeys };
}
