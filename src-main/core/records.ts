/**
 * What the core persists: one versioned document per scope, holding its instances. The
 * instance folder beside it holds the driver's files (disk, seed, console log, runtime).
 */
import * as z from 'zod';
import { INSTANCE_TYPES } from '../../src-shared/api';
import { DRIVER_IDS } from '../../src-shared/drivers';

/** The scope document's current version; older versions are migrated on read. */
export const SCOPE_FILE_VERSION = 1;

/** States worth remembering across restarts; transitional ones are re-derived on attach. */
export const PERSISTED_STATES = ['stopped', 'starting', 'running', 'suspended'] as const;

/** One snapshot as the core remembers it (the driver holds the data). */
export const snapshotRecordSchema = z.object({
  name: z.string(),
  comment: z.string(),
  createdAt: z.string(),
});

/** One instance as stored in its scope document. */
export const instanceRecordSchema = z.object({
  name: z.string(),
  createdAt: z.string(),
  image: z.object({
    kind: z.enum(['disk', 'kernel']),
    source: z.string(),
    cmdline: z.string().optional(),
  }),
  cpus: z.number().int().positive(),
  memoryBytes: z.number().int().positive(),
  diskBytes: z.number().int().positive(),
  sshUser: z.string(),
  /** The NIC's MAC address, fixed for the instance's life so the guest keeps its network. */
  macAddress: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/),
  deleted: z.boolean(),
  /** The last state the core saw settle. */
  state: z.enum(PERSISTED_STATES),
  /** What the driver made, for drivers with more than one type (LXD); absent: a VM. */
  instanceType: z.enum(INSTANCE_TYPES).optional(),
  /**
   * The driver whose saved memory a suspended instance holds; only it can resume it (QEMU and
   * libvirt share a scope but not their save formats). Absent in older files.
   */
  suspendedBy: z.enum(DRIVER_IDS).nullable().optional(),
  /** Set when a driver switch parked the instance; it is started again on return. */
  resumeOnReturn: z.boolean(),
  ipv4: z.array(z.string()),
  snapshots: z.array(snapshotRecordSchema),
  /** How many snapshots were ever taken; default names count on from it, as Multipass does. */
  snapshotsTaken: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
});

/** The scope document. */
export const scopeFileSchema = z.object({
  version: z.literal(SCOPE_FILE_VERSION),
  scope: z.string(),
  instances: z.record(z.string(), instanceRecordSchema),
});

/** One stored instance. */
export type InstanceRecord = z.infer<typeof instanceRecordSchema>;
/** One stored snapshot. */
export type SnapshotRecord = z.infer<typeof snapshotRecordSchema>;
/** A scope document. */
export type ScopeFile = z.infer<typeof scopeFileSchema>;
/** A state worth remembering. */
export type PersistedState = (typeof PERSISTED_STATES)[number];

/** An empty scope document. */
export function emptyScopeFile(scope: string): ScopeFile {
  return { version: SCOPE_FILE_VERSION, scope, instances: {} };
}
