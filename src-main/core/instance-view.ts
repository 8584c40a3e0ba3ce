/** Builds the client-facing view of an instance from its record and its live state. */
import type { InstanceInfo } from '../../src-shared/api';
import type { InstanceState } from '../../src-shared/states';
import type { SshEndpoint } from '../drivers/driver';
import type { InstanceRecord } from './records';

/** What the core knows about an instance beyond its record, while it is loaded. */
export interface LiveView {
  state: InstanceState;
  ssh: SshEndpoint | null;
  /** The cluster member running it, where the driver knows clusters; else null. */
  location: string | null;
}

/** The instance as clients see it. */
export function toInstanceInfo(
  scope: string,
  record: InstanceRecord,
  live: LiveView,
): InstanceInfo {
  const reachable = live.state === 'running' || live.state === 'delayed_shutdown';
  return {
    name: record.name,
    state: live.state,
    deleted: record.deleted,
    scope,
    image: record.image,
    cpus: record.cpus,
    memoryBytes: record.memoryBytes,
    diskBytes: record.diskBytes,
    ipv4: reachable ? record.ipv4 : [],
    ssh: reachable && live.ssh ? { ...live.ssh, user: record.sshUser } : null,
    createdAt: record.createdAt,
    snapshotCount: record.snapshots.length,
    resumeOnReturn: record.resumeOnReturn,
    lastError: record.lastError,
    ...(record.instanceType ? { instanceType: record.instanceType } : {}),
    ...(live.location ? { location: live.location } : {}),
  };
}
