/**
 * LXD clusters: which members a server has, and which member runs an instance. A standalone
 * server answers with clustering disabled, and its instances' location is "none".
 */
import * as z from 'zod';
import type { LxdClient } from './rest-client';
import { instanceSchema } from './schemas';

const clusterSchema = z.object({ enabled: z.boolean(), server_name: z.string().default('') });
const memberSchema = z.object({ server_name: z.string(), status: z.string().default('') });

/** The names of the cluster's members, or [] when the server is not clustered. */
export async function clusterMembers(client: LxdClient): Promise<string[]> {
  const cluster = await client.get('/1.0/cluster', clusterSchema);
  if (!cluster.enabled) return [];
  const members = await client.get('/1.0/cluster/members?recursion=1', z.array(memberSchema));
  return members.map((m) => m.server_name).sort();
}

/** The member instance `name` runs on, or null outside a cluster. */
export async function instanceLocation(client: LxdClient, name: string): Promise<string | null> {
  const instance = await client.find(`/1.0/instances/${name}`, instanceSchema);
  const location = instance?.location ?? '';
  return location === '' || location === 'none' ? null : location;
}
