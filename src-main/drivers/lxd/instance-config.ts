/**
 * The body of `POST /1.0/instances` for one Berth instance: limits, cloud-init documents,
 * devices (root disk, NIC, SSH forward on loopback, mounts, extra NICs) and the image it
 * starts from.
 */
import type { MountInfo } from '../../../src-shared/api';
import type { SeedDocuments } from '../../cloud-init/seed-documents';
import type { InstanceSpec, RemoteImage } from '../driver';
import { mountDevices } from './mounts';
import { nicDevices } from './networks';
import type { LxdInstanceType } from './probe';
import type { LxdPlacement } from './setup';

/** Where the instance's image comes from: LXD's store, or a simplestreams server. */
export type ImageOrigin = { fingerprint: string } | RemoteImage;

/** Everything the creation request is built from. */
export interface CreateInput {
  spec: InstanceSpec;
  type: LxdInstanceType;
  image: ImageOrigin;
  placement: LxdPlacement;
  /** Berth's cloud-init documents (SSH key in vendor-data, the user's own user-data). */
  cloudInit: SeedDocuments | null;
  /** True when the server takes `cloud-init.*` keys; older servers take `user.*`. */
  cloudInitKeys: boolean;
  /** Loopback port forwarded to the guest's port 22. */
  sshPort: number;
  mounts?: readonly MountInfo[];
  networks?: readonly { bridge: string }[];
}

/** The device name of the loopback SSH forward. */
export const SSH_PROXY_DEVICE = 'berth-ssh';

const MiB = 1024 * 1024;

/** The config keys holding cloud-init documents, `cloud-init.*` or the older `user.*`. */
export function cloudInitConfig(
  documents: SeedDocuments | null,
  modern: boolean,
): Record<string, string> {
  if (!documents) return {};
  const prefix = modern ? 'cloud-init.' : 'user.';
  // LXD writes the meta-data itself (instance id, hostname from the instance name), and its
  // NIC differs from the one in Berth's QEMU network-config, so only these two are passed.
  return {
    [`${prefix}user-data`]: documents['user-data'],
    [`${prefix}vendor-data`]: documents['vendor-data'],
  };
}

/** The root disk device; `size` only where the pool can enforce it (not on `dir`). */
export function rootDevice(placement: LxdPlacement, diskBytes: number): Record<string, string> {
  const root: Record<string, string> = { type: 'disk', path: '/', pool: placement.pool };
  if (placement.poolDriver !== 'dir') root.size = `${Math.ceil(diskBytes / MiB)}MiB`;
  return root;
}

/** The request's `source`: an image in the store, or one LXD pulls by alias. */
export function imageSource(image: ImageOrigin): Record<string, string> {
  if ('fingerprint' in image) return { type: 'image', fingerprint: image.fingerprint };
  return {
    type: 'image',
    mode: 'pull',
    server: image.server,
    protocol: 'simplestreams',
    alias: image.alias,
  };
}

/** The full creation request. */
export function createRequest(input: CreateInput): Record<string, unknown> {
  const { spec, placement } = input;
  const config: Record<string, string> = {
    'limits.cpu': String(spec.cpus),
    'limits.memory': `${Math.floor(spec.memoryBytes / MiB)}MiB`,
    'user.berth.managed': 'true',
    ...cloudInitConfig(input.cloudInit, input.cloudInitKeys),
  };
  if (input.type === 'virtual-machine') config['security.secureboot'] = 'false';
  const devices: Record<string, Record<string, string>> = {
    root: rootDevice(placement, spec.diskBytes),
    eth0: { type: 'nic', name: 'eth0', network: placement.network },
    [SSH_PROXY_DEVICE]: {
      type: 'proxy',
      listen: `tcp:127.0.0.1:${input.sshPort}`,
      connect: 'tcp:127.0.0.1:22',
      bind: 'host',
    },
    ...mountDevices(input.mounts ?? []),
    ...nicDevices(input.networks ?? []),
  };
  return {
    name: spec.name,
    type: input.type,
    config,
    devices,
    source: imageSource(input.image),
  };
}
