/**
 * Checks for mounts and extra NICs before they are sent: the launch dialog's rows and the
 * instance page's forms use the same ones, and say what to type instead.
 */

/** Linux interface names, as the core accepts them: at most 15 characters, no slash. */
const BRIDGE_NAME = /^[A-Za-z0-9_.-]{1,15}$/;

/** A path on this computer: Unix, a drive letter, or a UNC share. */
const HOST_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** Why `source` cannot be shared, or null. */
export function hostFolderProblem(source: string): string | null {
  if (source === '') return 'Give a folder on this computer';
  return HOST_PATH.test(source) ? null : 'Give the full path of the folder, starting with /';
}

/** Why `target` cannot be the mount point in the guest, or null. */
export function guestPathProblem(target: string, taken: readonly string[] = []): string | null {
  if (target === '') return 'Give the path in the instance, such as /mnt/shared';
  if (!target.startsWith('/')) return 'The path in the instance starts with /';
  if (target === '/') return 'Mount it on a folder, not on /';
  return taken.includes(target) ? `Something is already mounted at ${target}` : null;
}

/** Why `bridge` cannot name a host bridge, or null. */
export function bridgeProblem(bridge: string): string | null {
  if (bridge === '') return 'Give the name of a bridge on the host, such as br0';
  if (bridge.length > 15) return 'Interface names have at most 15 characters';
  return BRIDGE_NAME.test(bridge) ? null : 'Letters, digits, dots, dashes and underscores only';
}
