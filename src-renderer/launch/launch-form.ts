/**
 * The launch dialog's fields, checked with the shared rules (name, minimums, user-data) and
 * turned into an instances.launch request.
 */
import type { ApiRequest, DriverInfo } from '../../src-shared/api';
import {
  DEFAULTS,
  formatSize,
  instanceNameProblem,
  parseSize,
  resourceProblem,
} from '../../src-shared/names';
import { validateUserData } from '../../src-shared/user-data';

/** What the user typed, as text. */
export interface LaunchFields {
  image: string;
  name: string;
  cpus: string;
  memory: string;
  disk: string;
  userData: string;
  kernel: string;
  initrd: string;
  cmdline: string;
}

/** A field's problem, for people; fields without one are absent. */
export type FieldProblems = Partial<Record<keyof LaunchFields, string>>;

/** Empty fields with the shared defaults for the resources. */
export const INITIAL_FIELDS: LaunchFields = {
  image: '',
  name: '',
  cpus: String(DEFAULTS.cpus),
  memory: formatSize(DEFAULTS.memoryBytes).replace('iB', ''),
  disk: formatSize(DEFAULTS.diskBytes).replace('iB', ''),
  userData: '',
  kernel: '',
  initrd: '',
  cmdline: '',
};

/** What the image field asks for: LXD takes its own image files, the others disk images. */
export function imageHint(driver: DriverInfo | null): string {
  if (driver?.id !== 'lxd') return 'A disk image file on this computer (qcow2 or raw)';
  const where = driver.remote ? ', uploaded to the server once' : '';
  return `An LXD image file on this computer (a unified tarball${where})`;
}

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

/** A size field in bytes: "2G", "512M", "1.5GiB"; a bare number is in `bareUnit` bytes. */
export function parseSizeField(text: string, bareUnit: number): number | null {
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(text)) return Math.round(Number(text) * bareUnit);
  return parseSize(text);
}

function nameProblem(name: string, taken: ReadonlySet<string>): string | null {
  const problem = instanceNameProblem(name);
  if (problem) return problem;
  return taken.has(name) ? `An instance named ${name} already exists in this scope` : null;
}

function cpusProblem(text: string): string | null {
  if (!/^\s*\d+\s*$/.test(text)) return 'Give a whole number of CPUs';
  return resourceProblem('cpus', Number(text));
}

function sizeProblem(kind: 'memory' | 'disk', text: string): string | null {
  const bytes = parseSizeField(text, kind === 'memory' ? MIB : GIB);
  if (bytes === null) return `Write a size such as ${kind === 'memory' ? '1G or 512M' : '5G'}`;
  return resourceProblem(kind, bytes);
}

function imageProblem(image: string): string | null {
  if (image.trim() === '') return 'Give the path of a disk image on this computer';
  // Berth reads the file itself, from its own working folder: a relative path would surprise.
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\|file:\/\/)/.test(image.trim())) {
    return 'Give the full path (starting with / or a drive letter) or a file:// URL';
  }
  return null;
}

function kernelProblem(fields: LaunchFields): string | null {
  const wantsKernel = fields.initrd.trim() !== '' || fields.cmdline.trim() !== '';
  if (wantsKernel && fields.kernel.trim() === '') return 'Direct kernel boot needs a kernel';
  return null;
}

/** Every problem with `fields`; `taken` are the names already in the scope. */
export function launchProblems(fields: LaunchFields, taken: ReadonlySet<string>): FieldProblems {
  const checks: [keyof LaunchFields, string | null][] = [
    ['image', imageProblem(fields.image)],
    ['name', nameProblem(fields.name.trim(), taken)],
    ['cpus', cpusProblem(fields.cpus)],
    ['memory', sizeProblem('memory', fields.memory)],
    ['disk', sizeProblem('disk', fields.disk)],
    ['userData', fields.userData.trim() === '' ? null : validateUserData(fields.userData)],
    ['kernel', kernelProblem(fields)],
  ];
  const problems: FieldProblems = {};
  for (const [field, problem] of checks) if (problem) problems[field] = problem;
  return problems;
}

function optional(key: 'kernel' | 'initrd' | 'cmdline' | 'userData', value: string) {
  return value.trim() === '' ? {} : { [key]: key === 'userData' ? value : value.trim() };
}

/** A launch request that carries the operation id the dialog follows and cancels. */
export type LaunchRequest = ApiRequest<'instances.launch'> & { operationId: string };

/** The launch request for checked `fields` and `extras` (type, mounts, networks). */
export function launchRequest(
  fields: LaunchFields,
  operationId: string,
  extras: Partial<ApiRequest<'instances.launch'>> = {},
): LaunchRequest {
  return {
    ...extras,
    name: fields.name.trim(),
    image: fields.image.trim(),
    cpus: Number(fields.cpus),
    memoryBytes: parseSizeField(fields.memory, MIB) ?? DEFAULTS.memoryBytes,
    diskBytes: parseSizeField(fields.disk, GIB) ?? DEFAULTS.diskBytes,
    ...optional('userData', fields.userData),
    ...optional('kernel', fields.kernel),
    ...optional('initrd', fields.initrd),
    ...optional('cmdline', fields.cmdline),
    operationId,
  };
}
