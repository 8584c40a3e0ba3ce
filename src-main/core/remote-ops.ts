/**
 * Adding and removing remote servers. A remote is its own driver target and scope
 * ("lxd@lab"): adding one trusts Berth on the server and registers its driver; removing one
 * forgets Berth's side (credentials and the scope's records), never the server's instances.
 */
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { RemoteInfo } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import { REMOTE_NAME_PATTERN, scopeOfTarget, targetOf } from '../../src-shared/targets';
import {
  addTrustedRemote,
  certificateFingerprint,
  addRemote as trustRemote,
} from '../drivers/lxd/remote';
import type { BerthCore } from './berth-core';
import { layout } from './data-dir';
import type { DriverRegistry } from './driver-registry';
import type { Logger } from './logger';
import type { RemoteStore } from './remote-store';

/** Registers every stored remote's driver; one with unusable credentials still lists. */
export async function registerRemotes(
  store: RemoteStore,
  registry: DriverRegistry,
  log: Logger,
): Promise<void> {
  for (const remote of store.list()) {
    try {
      registry.addRemote(
        remote.name,
        await store.endpoint(remote.name),
        log.child(`driver.${remote.target}`),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.error('remote cannot be used', { remote: remote.name, reason });
      registry.addBrokenRemote(remote.name, reason);
    }
  }
}

/** Checks a new remote's name and URL; throws INVALID_INPUT saying what is wrong. */
export function checkNewRemote(name: string, url: string): URL {
  if (!REMOTE_NAME_PATTERN.test(name)) {
    throw new BerthError(
      'INVALID_INPUT',
      'A remote name starts with a lower-case letter, then letters, digits or dashes (at most 32)',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BerthError('INVALID_INPUT', `"${url}" is not a URL; write https://host:8443`);
  }
  if (parsed.protocol !== 'https:' || parsed.pathname.replace(/\/$/, '') !== '') {
    throw new BerthError(
      'INVALID_INPUT',
      `The remote's URL must be https://host[:port], not ${url}`,
    );
  }
  return parsed;
}

/**
 * Connects Berth to the server at `url`, trusted by a token or by Berth's certificate already
 * trusted there (with the server's fingerprint), and makes it the scope "lxd@<name>".
 */
export async function addRemoteServer(
  core: BerthCore,
  request: {
    name: string;
    url: string;
    token?: string | undefined;
    fingerprint?: string | undefined;
  },
): Promise<RemoteInfo> {
  const { remotes, registry, log } = core.parts;
  const url = checkNewRemote(request.name, request.url).origin;
  if (!request.token === !request.fingerprint) {
    throw new BerthError(
      'INVALID_INPUT',
      "Give either a trust token made on the server, or the server's fingerprint once it " +
        "trusts Berth's certificate (berth remote certificate)",
    );
  }
  if (remotes.find(request.name)) {
    throw new BerthError('ALREADY_EXISTS', `A remote called "${request.name}" already exists`);
  }
  // The server's trust list names this computer, so its administrator knows who it is.
  const identity = await remotes.clientIdentity();
  const endpoint = request.token
    ? await trustRemote(url, request.token, `berth-${hostname()}`, identity)
    : await addTrustedRemote(url, request.fingerprint ?? '', identity);
  const fingerprint = certificateFingerprint(endpoint.serverCertPem);
  const info = await remotes.add(
    {
      name: request.name,
      driver: 'lxd',
      url,
      serverFingerprint: fingerprint,
      addedAt: new Date().toISOString(),
    },
    endpoint,
  );
  registry.addRemote(info.name, endpoint, log.child(`driver.${info.target}`));
  core.parts.bus.emit('remotes.changed', { remotes: remotes.list() });
  return info;
}

/**
 * Forgets remote `name`. Refused while it is the active target, and while its scope holds
 * instances unless `force`: they stay on the server, but Berth would no longer list them.
 */
export async function removeRemoteServer(
  core: BerthCore,
  name: string,
  force: boolean,
): Promise<void> {
  const { remotes, registry, dataDir, bus } = core.parts;
  if (!remotes.find(name)) throw new BerthError('NOT_FOUND', `There is no remote called "${name}"`);
  const target = targetOf('lxd', name);
  if (core.activeTarget() === target) {
    throw new BerthError(
      'INVALID_STATE',
      `${target} is the active driver; switch to another driver before removing it`,
    );
  }
  const scope = scopeOfTarget(target, registry.host.os);
  const count = await core.countInstances(scope);
  if (count > 0 && !force) {
    throw new BerthError(
      'INVALID_STATE',
      `The remote "${name}" has ${count} instance${count === 1 ? '' : 's'} in Berth; they stay ` +
        'on the server, but Berth will forget them. Remove it with force to go ahead',
    );
  }
  registry.removeRemote(name);
  await remotes.remove(name);
  await rm(layout.scopeDir(dataDir, scope), { recursive: true, force: true });
  bus.emit('remotes.changed', { remotes: remotes.list() });
}

/** Berth's client certificate, for an administrator to trust on a server ahead of time. */
export async function clientCertificate(core: BerthCore) {
  const { certPem } = await core.parts.remotes.clientIdentity();
  return { certPem, fingerprint: certificateFingerprint(certPem) };
}
