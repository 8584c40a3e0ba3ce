/**
 * The API contract: every request, response and event declared once with a runtime schema.
 * Electron IPC, the loopback bridge, the local socket and the CLI all dispatch through it.
 */
import * as z from 'zod';
import { DRIVER_IDS } from './drivers';
import { errorEnvelopeSchema } from './errors';
import { MAX_NAME_LENGTH } from './names';
import { INSTANCE_STATES } from './states';
import { TARGET_PATTERN } from './targets';

const name = z.string().max(MAX_NAME_LENGTH + 1);
const driverId = z.enum(DRIVER_IDS);
/** A driver target: a driver id, or "lxd@<remote>" for a remote LXD server (see targets.ts). */
const targetId = z.string().regex(TARGET_PATTERN);
/** A path on the host or in the guest. */
const path = z.string().min(1).max(4096);
/** Optional client-chosen id so the client can follow progress and cancel before the reply. */
const operationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional();

/** How an instance boots: a bootable disk (UEFI) or a disk plus a kernel and initrd. */
export const imageSchema = z.object({
  kind: z.enum(['disk', 'kernel']),
  /** Where the image came from, as the user gave it. */
  source: z.string(),
  /** Kernel command line for direct kernel boot. */
  cmdline: z.string().optional(),
});

/** What an instance runs as: LXD runs system containers as well as virtual machines. */
export const INSTANCE_TYPES = ['virtual-machine', 'container'] as const;

/** One instance as every client sees it. */
export const instanceInfoSchema = z.object({
  name: z.string(),
  state: z.enum(INSTANCE_STATES),
  deleted: z.boolean(),
  /** The scope this instance belongs to ("qemu", "lxd", ...). */
  scope: z.string(),
  image: imageSchema,
  cpus: z.number().int(),
  memoryBytes: z.number().int(),
  diskBytes: z.number().int(),
  /** Guest addresses as the guest sees them. */
  ipv4: z.array(z.string()),
  /** Where Berth reaches the guest's SSH server (a loopback forward for QEMU). */
  ssh: z.object({ host: z.string(), port: z.number().int(), user: z.string() }).nullable(),
  createdAt: z.string(),
  snapshotCount: z.number().int(),
  /** True when a driver switch parked this instance and it will be started on return. */
  resumeOnReturn: z.boolean(),
  /** The last failure on this instance, for people. */
  lastError: z.string().nullable(),
  /** Set by drivers that run more than one type (LXD); absent means a virtual machine. */
  instanceType: z.enum(INSTANCE_TYPES).optional(),
  /** The cluster member the instance runs on (LXD clusters); absent elsewhere. */
  location: z.string().optional(),
});

/** A host folder shared into an instance (a native mount). */
export const mountSchema = z.object({
  /** Absolute folder on the host. */
  source: path,
  /** Absolute path in the guest. */
  target: path,
});

/** An extra NIC of an instance, on a host bridge. */
export const networkAttachmentSchema = z.object({
  /** The host bridge it is attached to. */
  bridge: z.string().min(1).max(15),
  /** The guest's name for the NIC ("eth1"), once known. */
  nic: z.string(),
});

/** A remote server added to Berth; it appears as the scope of its own driver target. */
export const remoteInfoSchema = z.object({
  name: z.string(),
  driver: driverId,
  url: z.string(),
  /** The target to select in `local.driver` ("lxd@lab"). */
  target: targetId,
  /** SHA-256 of the server certificate Berth pinned when the remote was added. */
  serverFingerprint: z.string(),
  addedAt: z.string(),
});

/** One snapshot of an instance. */
export const snapshotSchema = z.object({
  name: z.string(),
  comment: z.string(),
  createdAt: z.string(),
});

/** What a driver can do on this computer, from its probe. */
export const driverInfoSchema = z.object({
  /** The driver (hypervisor kind); capabilities follow it. */
  id: driverId,
  /** What `local.driver` is set to for this entry: the driver id, or "lxd@<remote>". */
  target: targetId,
  /** The remote server behind this target, or null for this computer's hypervisor. */
  remote: z.object({ name: z.string(), url: z.string() }).nullable(),
  /** Cluster members of the server, when it is a cluster; empty otherwise. */
  clusterMembers: z.array(z.string()),
  /** What a launch can ask for (`instances.launch` `type`); LXD may offer both. */
  instanceTypes: z.array(z.enum(INSTANCE_TYPES)),
  label: z.string(),
  scope: z.string(),
  available: z.boolean(),
  version: z.string().nullable(),
  /** e.g. "kvm" or "tcg" for QEMU. */
  acceleration: z.string().nullable(),
  warnings: z.array(z.string()),
  /** Why the driver cannot run here, and how to fix it. */
  reason: z.string().nullable(),
  fix: z.string().nullable(),
  capabilities: z.object({
    nativeMounts: z.boolean(),
    extraNetworks: z.boolean(),
    snapshots: z.boolean(),
    suspend: z.boolean(),
  }),
  instanceCount: z.number().int(),
  isDefault: z.boolean(),
  isActive: z.boolean(),
});

/** What a driver switch would do to one instance. */
export const switchPlanItemSchema = z.object({
  name: z.string(),
  action: z.enum(['suspend', 'stop', 'none', 'start']),
  /** Which scope the instance is in: the one being left, or the one being entered. */
  side: z.enum(['leaving', 'entering']),
});

/** A driver-switch preview: what will happen, without doing it. */
export const switchPreviewSchema = z.object({
  from: targetId,
  to: targetId,
  sameScope: z.boolean(),
  items: z.array(switchPlanItemSchema),
  summary: z.string(),
});

/** One long operation that is still running, as the task area shows it. */
export const operationInfoSchema = z.object({
  operationId: z.string(),
  instance: z.string(),
  /** What it does: "launch", "start", "stop", "park-suspend", ... */
  kind: z.string(),
  /** The last step reported ("booting", "waiting-for-ssh"), or "" before the first. */
  step: z.string(),
  message: z.string(),
  startedAt: z.string(),
});

/** One settings entry. */
export const settingSchema = z.object({ key: z.string(), value: z.string() });

const names = { name };
const empty = z.strictObject({});
const ok = z.object({ ok: z.literal(true) });

/** Every request method with its request and response schemas. */
export const API = {
  'system.ping': { request: empty, response: z.object({ pid: z.number(), version: z.string() }) },
  'instances.list': {
    request: z.strictObject({ includeDeleted: z.boolean().optional() }),
    response: z.object({
      driver: driverId,
      /** The active target: the driver, or "lxd@<remote>" for a remote server's scope. */
      target: targetId,
      scope: z.string(),
      instances: z.array(instanceInfoSchema),
    }),
  },
  'instances.info': { request: z.strictObject(names), response: instanceInfoSchema },
  /** A free generated name for the launch dialog ("brisk-heron"). */
  'instances.suggestName': { request: empty, response: z.object({ name: z.string() }) },
  'instances.launch': {
    request: z.strictObject({
      name: name.optional(),
      image: z.string().min(1).max(4096),
      kernel: z.string().max(4096).optional(),
      initrd: z.string().max(4096).optional(),
      cmdline: z.string().max(4096).optional(),
      cpus: z.number().int().optional(),
      memoryBytes: z.number().int().optional(),
      diskBytes: z.number().int().optional(),
      /** cloud-init user-data, YAML. */
      userData: z.string().max(1_000_000).optional(),
      /** Container or virtual machine, on drivers that run both (LXD); the image decides else. */
      type: z.enum(INSTANCE_TYPES).optional(),
      /** Host folders to share, as native mounts (drivers with the nativeMounts capability). */
      mounts: z.array(mountSchema).max(32).optional(),
      /** Host bridges to add NICs on (drivers with the extraNetworks capability). */
      networks: z
        .array(z.object({ bridge: networkAttachmentSchema.shape.bridge }))
        .max(8)
        .optional(),
      timeoutSec: z.number().int().positive().max(3600).optional(),
      operationId,
    }),
    response: instanceInfoSchema,
  },
  'instances.start': {
    request: z.strictObject({
      name,
      timeoutSec: z.number().int().positive().optional(),
      operationId,
    }),
    response: instanceInfoSchema,
  },
  'instances.stop': {
    request: z.strictObject({
      name,
      force: z.boolean().optional(),
      timeoutSec: z.number().int().positive().max(3600).optional(),
      operationId,
    }),
    response: instanceInfoSchema,
  },
  'instances.suspend': {
    request: z.strictObject({ name, operationId }),
    response: instanceInfoSchema,
  },
  'instances.restart': {
    request: z.strictObject({ name, operationId }),
    response: instanceInfoSchema,
  },
  'instances.delete': {
    request: z.strictObject({ name, purge: z.boolean().optional() }),
    response: ok,
  },
  'instances.recover': { request: z.strictObject(names), response: instanceInfoSchema },
  'instances.purge': {
    request: z.strictObject({ name: name.optional() }),
    response: z.object({ purged: z.array(z.string()) }),
  },
  'instances.console': {
    request: z.strictObject({
      name,
      maxBytes: z.number().int().positive().max(10_000_000).optional(),
    }),
    response: z.object({ path: z.string(), text: z.string() }),
  },
  /** Runs a command in the guest and waits for it (LXD's exec API; SSH elsewhere). */
  'instances.exec': {
    request: z.strictObject({
      name,
      argv: z.array(z.string().max(65_536)).min(1).max(1024),
      timeoutSec: z.number().int().positive().max(86_400).optional(),
      operationId,
    }),
    response: z.object({ exitCode: z.number().int(), stdout: z.string(), stderr: z.string() }),
  },
  'mounts.list': { request: z.strictObject({ instance: name }), response: z.array(mountSchema) },
  'mounts.add': {
    request: z.strictObject({ instance: name, source: path, target: path }),
    response: mountSchema,
  },
  'mounts.remove': { request: z.strictObject({ instance: name, target: path }), response: ok },
  'networks.list': {
    request: z.strictObject({ instance: name }),
    response: z.array(networkAttachmentSchema),
  },
  'networks.add': {
    request: z.strictObject({ instance: name, bridge: networkAttachmentSchema.shape.bridge }),
    response: networkAttachmentSchema,
  },
  'networks.remove': {
    request: z.strictObject({ instance: name, nic: z.string().min(1).max(15) }),
    response: ok,
  },
  /** Opens an interactive terminal in the guest; output arrives as `terminal.output` events. */
  'terminal.open': {
    request: z.strictObject({
      instance: name,
      /** The command to run; the user's login shell when absent. */
      argv: z.array(z.string().max(65_536)).min(1).max(1024).optional(),
      cols: z.number().int().min(1).max(1000),
      rows: z.number().int().min(1).max(1000),
      /**
       * False runs `argv` on plain pipes instead of a terminal: stderr arrives apart
       * (`terminal.output` `stream`) and `terminal.input` `eof` ends its input. Default true.
       */
      tty: z.boolean().optional(),
    }),
    response: z.object({ sessionId: z.string() }),
  },
  /**
   * Sends input to a session. An empty `data` only keeps the session alive: the core closes
   * sessions that no client has sent a request for in 5 minutes (an abandoned client).
   */
  'terminal.input': {
    request: z.strictObject({
      sessionId: z.string().max(64),
      data: z.base64().max(1_000_000),
      /** Ends the command's input after `data` (sessions opened with `tty: false`). */
      eof: z.boolean().optional(),
    }),
    response: ok,
  },
  'terminal.resize': {
    request: z.strictObject({
      sessionId: z.string().max(64),
      cols: z.number().int().min(1).max(1000),
      rows: z.number().int().min(1).max(1000),
    }),
    response: ok,
  },
  'terminal.close': { request: z.strictObject({ sessionId: z.string().max(64) }), response: ok },
  'remotes.list': { request: empty, response: z.array(remoteInfoSchema) },
  /**
   * Adds a remote server, trusted one of two ways: a trust token made on it
   * (`lxc config trust add`), or Berth's certificate (`remotes.certificate`) trusted there
   * beforehand, with the server certificate's SHA-256 `fingerprint` to pin. One is required.
   */
  'remotes.add': {
    request: z.strictObject({
      name: z.string().max(64),
      url: z.string().max(2048),
      token: z.string().max(16_384).optional(),
      fingerprint: z.string().max(128).optional(),
    }),
    response: remoteInfoSchema,
  },
  /** Berth's client certificate for remote servers (PEM) and its SHA-256 fingerprint. */
  'remotes.certificate': {
    request: empty,
    response: z.object({ certPem: z.string(), fingerprint: z.string() }),
  },
  /**
   * Forgets a remote: its client certificate and its scope's records. Its instances stay on
   * the server. Refused while it is the active target, or while it has instances unless `force`.
   */
  'remotes.remove': {
    request: z.strictObject({ name: z.string().max(64), force: z.boolean().optional() }),
    response: ok,
  },
  'snapshots.take': {
    request: z.strictObject({
      instance: name,
      snapshot: name.optional(),
      comment: z.string().max(1000).optional(),
    }),
    response: snapshotSchema,
  },
  'snapshots.list': {
    request: z.strictObject({ instance: name }),
    response: z.array(snapshotSchema),
  },
  'snapshots.restore': {
    request: z.strictObject({ instance: name, snapshot: name }),
    response: ok,
  },
  'snapshots.delete': { request: z.strictObject({ instance: name, snapshot: name }), response: ok },
  'settings.list': { request: empty, response: z.array(settingSchema) },
  'settings.get': {
    request: z.strictObject({ key: z.string().max(200) }),
    response: settingSchema,
  },
  'settings.set': {
    request: z.strictObject({ key: z.string().max(200), value: z.string().max(4096) }),
    response: settingSchema,
  },
  'drivers.list': {
    // fresh: probe every driver again; otherwise each driver's last probe is reused.
    request: z.strictObject({ fresh: z.boolean().optional() }),
    response: z.array(driverInfoSchema),
  },
  'drivers.preview': {
    request: z.strictObject({ driver: z.string().max(64) }),
    response: switchPreviewSchema,
  },
  'operations.list': { request: empty, response: z.array(operationInfoSchema) },
  'operations.cancel': {
    request: z.strictObject({ operationId: z.string().max(64) }),
    response: z.object({ cancelled: z.boolean() }),
  },
} as const;

/** Every request method's name. */
export type ApiMethod = keyof typeof API;
/** The request payload type of a method. */
export type ApiRequest<M extends ApiMethod> = z.infer<(typeof API)[M]['request']>;
/** The response payload type of a method. */
export type ApiResponse<M extends ApiMethod> = z.infer<(typeof API)[M]['response']>;

/** Every event the core pushes, with its payload schema. */
export const EVENTS = {
  'instance.changed': instanceInfoSchema,
  'instance.removed': z.object({ scope: z.string(), name: z.string() }),
  'operation.progress': z.object({
    operationId: z.string(),
    instance: z.string(),
    kind: z.string(),
    step: z.string(),
    message: z.string(),
  }),
  'operation.finished': z.object({
    operationId: z.string(),
    instance: z.string(),
    kind: z.string(),
    error: errorEnvelopeSchema.nullable(),
  }),
  'driver.switched': z.object({ from: targetId, to: targetId }),
  /** Bytes a terminal session wrote (base64). */
  'terminal.output': z.object({
    sessionId: z.string(),
    data: z.string(),
    /** Which output it came from; a terminal has only stdout. */
    stream: z.enum(['stdout', 'stderr']).optional(),
  }),
  /** A terminal session ended; `exitCode` is null when the connection was lost. */
  'terminal.exited': z.object({ sessionId: z.string(), exitCode: z.number().int().nullable() }),
  'remotes.changed': z.object({ remotes: z.array(remoteInfoSchema) }),
  'scope.problem': z.object({ scope: z.string(), file: z.string(), message: z.string() }),
  'settings.changed': settingSchema,
} as const;

/** Every event's name. */
export type ApiEvent = keyof typeof EVENTS;
/** The payload type of an event. */
export type ApiEventPayload<E extends ApiEvent> = z.infer<(typeof EVENTS)[E]>;

/** One instance as every client sees it. */
export type InstanceInfo = z.infer<typeof instanceInfoSchema>;
/** One snapshot. */
export type SnapshotInfo = z.infer<typeof snapshotSchema>;
/** One driver's availability and capabilities. */
export type DriverInfo = z.infer<typeof driverInfoSchema>;
/** One running operation. */
export type OperationInfo = z.infer<typeof operationInfoSchema>;
/** A native mount. */
export type MountInfo = z.infer<typeof mountSchema>;
/** An extra NIC. */
export type NetworkAttachment = z.infer<typeof networkAttachmentSchema>;
/** A remote server. */
export type RemoteInfo = z.infer<typeof remoteInfoSchema>;
/** What a driver switch would do. */
export type SwitchPreview = z.infer<typeof switchPreviewSchema>;

/** A request frame on message transports (local socket, WebSocket bridge). */
export const requestFrameSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  params: z.unknown(),
});

/** A reply frame: a result or an error envelope, never both. */
export const replyFrameSchema = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: errorEnvelopeSchema }),
]);

/** An event frame pushed by the core. */
export const eventFrameSchema = z.object({ event: z.string(), payload: z.unknown() });

/** A reply frame. */
export type ReplyFrame = z.infer<typeof replyFrameSchema>;

/** What a client of the contract offers, whatever transport is behind it. */
export interface BerthClient {
  /** Sends one request and resolves with its validated response, or rejects with a BerthError. */
  call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>>;
  /** Subscribes to one event; returns the unsubscribe function. */
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
  /** Releases the transport. */
  close(): Promise<void>;
}
