/**
 * The shapes of LXD's REST answers Berth reads, checked with zod as they cross from the
 * daemon. Only the fields Berth uses are declared; LXD adds fields freely between versions.
 */
import * as z from 'zod';

/** Every LXD answer: sync (with metadata), async (an operation), or error. */
export const envelopeSchema = z.object({
  type: z.enum(['sync', 'async', 'error']),
  status_code: z.number().int().optional(),
  error_code: z.number().int().optional(),
  error: z.string().optional(),
  operation: z.string().optional(),
  metadata: z.unknown(),
});

/** An LXD answer envelope. */
export type LxdEnvelope = z.infer<typeof envelopeSchema>;

/** `GET /1.0`: the server and whether it trusts us. */
export const serverSchema = z.object({
  auth: z.string(),
  api_extensions: z.array(z.string()).default([]),
  environment: z
    .object({
      server_version: z.string().optional(),
      driver: z.string().optional(),
      /** Newer servers list the instance types they can run; 5.0 does not. */
      instance_types: z.array(z.string()).optional(),
      server_clustered: z.boolean().optional(),
      storage: z.string().optional(),
    })
    .default({}),
});

/** The server as `GET /1.0` describes it. */
export type LxdServer = z.infer<typeof serverSchema>;

/** One background operation (`/1.0/operations/<id>`). */
export const operationSchema = z.object({
  id: z.string(),
  status: z.string(),
  status_code: z.number().int(),
  err: z.string().default(''),
  metadata: z.record(z.string(), z.unknown()).nullable().default(null),
});

/** One LXD operation. */
export type LxdOperation = z.infer<typeof operationSchema>;

/** An instance's runtime state (`GET /1.0/instances/<n>/state`). */
export const instanceStateSchema = z.object({
  status: z.string(),
  status_code: z.number().int(),
  network: z
    .record(
      z.string(),
      z.object({
        addresses: z.array(
          z.object({ family: z.string(), address: z.string(), scope: z.string() }),
        ),
      }),
    )
    .nullable()
    .default(null),
});

/** An instance's runtime state. */
export type LxdInstanceState = z.infer<typeof instanceStateSchema>;

/** An instance (`GET /1.0/instances/<n>`). */
export const instanceSchema = z.object({
  name: z.string(),
  type: z.string(),
  status: z.string(),
  status_code: z.number().int(),
  location: z.string().default(''),
  profiles: z.array(z.string()).default([]),
  config: z.record(z.string(), z.string()).default({}),
  devices: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  expanded_config: z.record(z.string(), z.string()).default({}),
});

/** One instance as LXD describes it. */
export type LxdInstance = z.infer<typeof instanceSchema>;

/** An image in the store (`GET /1.0/images/<fingerprint>`). */
export const imageSchema = z.object({
  fingerprint: z.string(),
  type: z.string().default('container'),
});

/** A storage pool (`GET /1.0/storage-pools/<n>`). */
export const storagePoolSchema = z.object({ name: z.string(), driver: z.string() });

/** The metadata of a finished exec operation run with `record-output`. */
export const execResultSchema = z.object({
  return: z.number().int(),
  output: z.record(z.string(), z.string()).default({}),
});

/** One message on the `/1.0/events` websocket. */
export const eventSchema = z.object({
  type: z.string(),
  project: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).default({}),
});

/** A lifecycle event's metadata: what happened to which resource. */
export const lifecycleSchema = z.object({
  action: z.string(),
  source: z.string(),
});
