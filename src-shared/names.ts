/** Instance-name rules, resource minimums and size parsing shared by every client. */

/** Longest instance or snapshot name, in characters (a DNS label's limit). */
export const MAX_NAME_LENGTH = 63;

/** Smallest allowed resources for an instance. */
export const MINIMUMS = { cpus: 1, memoryBytes: 512 * 1024 ** 2, diskBytes: 1024 ** 3 } as const;

/** Defaults when a launch does not say (Multipass uses the same). */
export const DEFAULTS = { cpus: 1, memoryBytes: 1024 ** 3, diskBytes: 5 * 1024 ** 3 } as const;

const NAME_PATTERN = /^[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * Why `name` is not a valid instance name, or null when it is: letters, digits and hyphens,
 * starting with a letter, not ending with a hyphen, at most 63 characters.
 */
export function instanceNameProblem(name: string, what = 'Instance name'): string | null {
  if (name.length === 0) return `${what} must not be empty`;
  if (name.length > MAX_NAME_LENGTH) {
    return `${what} must be at most ${MAX_NAME_LENGTH} characters (it has ${name.length})`;
  }
  if (!/^[A-Za-z]/.test(name)) return `${what} must start with a letter`;
  if (name.endsWith('-')) return `${what} must not end with a hyphen`;
  if (!NAME_PATTERN.test(name)) return `${what} may contain only letters, digits and hyphens`;
  return null;
}

const UNIT_FACTORS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};

/**
 * Parses a size such as "2G", "512M", "1.5GiB" or "1073741824" into bytes (binary units, as
 * Multipass does). Returns null when the text is not a size.
 */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  const factor = UNIT_FACTORS[(match[2] ?? '').toLowerCase()];
  if (factor === undefined || !Number.isFinite(value)) return null;
  return Math.round(value * factor);
}

/** Formats bytes for people: "512MiB", "1.5GiB". */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${rounded}${units[unit]}`;
}

/** Why a resource request is below the minimums, or null when it is acceptable. */
export function resourceProblem(kind: 'cpus' | 'memory' | 'disk', amount: number): string | null {
  if (kind === 'cpus') {
    if (!Number.isInteger(amount) || amount < MINIMUMS.cpus) return 'At least 1 CPU is needed';
    return null;
  }
  if (kind === 'memory' && amount < MINIMUMS.memoryBytes) {
    return `Memory must be at least 512MiB (asked for ${formatSize(amount)})`;
  }
  if (kind === 'disk' && amount < MINIMUMS.diskBytes) {
    return `Disk must be at least 1GiB (asked for ${formatSize(amount)})`;
  }
  return null;
}
