/**
 * First-use setup: Berth's own LXD project, a storage pool and a bridge, each created only
 * when missing. Other projects, pools and networks are never changed.
 */
import { networkInterfaces } from 'node:os';
import * as z from 'zod';
import type { Logger } from '../../core/logger';
import { clusterMembers } from './cluster';
import type { LxdClient } from './rest-client';
import { storagePoolSchema } from './schemas';

/** What instances are placed on. */
export interface LxdPlacement {
  project: string;
  pool: string;
  /** The pool's storage driver; `dir` cannot limit a root disk's size. */
  poolDriver: string;
  network: string;
}

/** Names Berth uses; the defaults match Multipass's pattern with Berth's name. */
export interface SetupNames {
  project: string;
  pool: string;
  network: string;
  /** e.g. "10.91.13.1/24"; otherwise LXD picks one, or Berth picks a free one if it cannot. */
  bridgeAddress?: string;
}

/** The names used when none are given. */
export const DEFAULT_SETUP_NAMES: SetupNames = {
  project: 'berth',
  pool: 'berth',
  network: 'berthbr0',
};

const namedSchema = z.object({ name: z.string() });

async function ensureProject(client: LxdClient, name: string, log: Logger): Promise<void> {
  if (await client.find(`/1.0/projects/${name}`, namedSchema)) return;
  // Its own images and profiles, so nothing Berth does shows up in the user's projects.
  const config = { 'features.images': 'true', 'features.profiles': 'true' };
  const description = 'Instances managed by Berth';
  await client.run('POST', '/1.0/projects', { json: { name, description, config } });
  log.info('created LXD project', { project: name });
}

async function ensurePool(client: LxdClient, name: string, log: Logger) {
  for (const candidate of [name, 'default']) {
    const pool = await client.find(`/1.0/storage-pools/${candidate}`, storagePoolSchema);
    if (pool) return pool;
  }
  await createEverywhere(client, '/1.0/storage-pools', { name, driver: 'dir', config: {} });
  log.info('created LXD storage pool', { pool: name, driver: 'dir' });
  return { name, driver: 'dir' };
}

/**
 * Creates a pool or network. On a cluster LXD wants it defined on every member first (with
 * member-specific keys only, none here), then created once with the cluster-wide config.
 */
async function createEverywhere(
  client: LxdClient,
  path: string,
  body: { name: string; config: Record<string, string> } & Record<string, unknown>,
): Promise<void> {
  const members = await clusterMembers(client);
  const pending: Record<string, unknown> = { ...body, config: {} };
  delete pending.description;
  for (const member of members) {
    const target = `${path}?target=${encodeURIComponent(member)}`;
    // A retry (another bridge address) finds the members' definitions from the first try.
    await client.run('POST', target, { json: pending }).catch((error: unknown) => {
      if (!(error instanceof Error && /already defined/i.test(error.message))) throw error;
    });
  }
  await client.run('POST', path, { json: body });
}

/** A /24 in 10.0.0.0/8 that no host interface uses, as "10.x.y.1/24". */
export function freeBridgeAddress(used: string[], seed = Math.random()): string {
  const taken = new Set(used.map((a) => a.split('.').slice(0, 3).join('.')));
  for (let i = 0; i < 250; i++) {
    const x = 100 + ((Math.floor(seed * 150) + i) % 150);
    const prefix = `10.${x}.${(17 * i + 31) % 250}`;
    if (!taken.has(prefix)) return `${prefix}.1/24`;
  }
  return '10.254.254.1/24';
}

function hostIpv4(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a?.family === 'IPv4')
    .map((a) => a?.address ?? '');
}

async function ensureNetwork(client: LxdClient, names: SetupNames, log: Logger): Promise<void> {
  if (await client.find(`/1.0/networks/${names.network}`, namedSchema)) return;
  const create = (address: string) =>
    createEverywhere(client, '/1.0/networks', {
      name: names.network,
      type: 'bridge',
      description: 'Bridge for Berth instances',
      config: { 'ipv4.address': address, 'ipv4.nat': 'true', 'ipv6.address': 'none' },
    });
  try {
    await create(names.bridgeAddress ?? 'auto');
  } catch (error) {
    if (names.bridgeAddress) throw error;
    // LXD's own subnet search fails on some hosts ("Failed to automatically find an unused
    // IPv4 subnet"); an explicit address works there.
    const address = freeBridgeAddress(hostIpv4());
    log.info('LXD could not pick a bridge subnet; choosing one', { address });
    await create(address);
  }
  log.info('created LXD network', { network: names.network });
}

/** Creates Berth's project, pool and bridge where missing; returns where instances go. */
export async function ensureSetup(
  client: LxdClient,
  names: SetupNames,
  log: Logger,
): Promise<LxdPlacement> {
  await ensureProject(client, names.project, log);
  const pool = await ensurePool(client, names.pool, log);
  await ensureNetwork(client, names, log);
  return {
    project: names.project,
    pool: pool.name,
    poolDriver: pool.driver,
    network: names.network,
  };
}
