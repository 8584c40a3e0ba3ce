/**
 * How mounts, NICs and instance types are typed on the command line, Multipass style:
 * `<source>:<target>` for `--mount`, `<instance>:<target>` for `mount`/`umount`.
 */
import { resolve } from 'node:path';
import type { INSTANCE_TYPES, MountInfo } from '../../../src-shared/api';
import { checkNames } from '../args';
import { UsageError } from '../errors';

/**
 * Reads `--mount <source>[:<target>]`. The target starts at the last ":/", so a source may
 * hold colons; without a target the folder appears at the same path in the guest.
 */
export function parseMountFlag(spec: string, cwd: string): MountInfo {
  const split = spec.lastIndexOf(':/');
  if (split <= 0) {
    const source = resolve(cwd, spec);
    return { source, target: source };
  }
  return { source: resolve(cwd, spec.slice(0, split)), target: spec.slice(split + 1) };
}

/** An instance and, when given, a path in it. */
export interface InstancePath {
  instance: string;
  target: string | null;
}

/** Reads `<instance>[:<path>]`; instance names hold no colon, so the first one splits. */
export function parseInstancePath(spec: string, usage: string): InstancePath {
  const colon = spec.indexOf(':');
  const instance = colon === -1 ? spec : spec.slice(0, colon);
  const target = colon === -1 ? null : spec.slice(colon + 1);
  if (target === '') throw new UsageError(`Missing the path after "${instance}:"`, usage);
  checkNames([instance]);
  return { instance, target };
}

type InstanceType = (typeof INSTANCE_TYPES)[number];

const TYPE_NAMES: Readonly<Record<string, InstanceType>> = {
  container: 'container',
  vm: 'virtual-machine',
  'virtual-machine': 'virtual-machine',
};

/** The type from `--container`, `--vm` or `--type`; at most one of them. */
export function parseTypeFlags(
  values: { container?: boolean; vm?: boolean; type?: string },
  usage: string,
): InstanceType | undefined {
  const asked = [values.container && 'container', values.vm && 'vm', values.type];
  const given = asked.filter((t): t is string => typeof t === 'string');
  if (given.length > 1) throw new UsageError('Give only one of --container, --vm, --type', usage);
  const [name] = given;
  if (name === undefined) return undefined;
  const type = Object.hasOwn(TYPE_NAMES, name) ? TYPE_NAMES[name] : undefined;
  if (!type) throw new UsageError(`Unknown type "${name}"; use container or vm`, usage);
  return type;
}
