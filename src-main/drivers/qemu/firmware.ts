/** Finds UEFI firmware (OVMF, AAVMF or Homebrew's edk2 builds) for booting disk images. */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * UEFI firmware: either read-only code with a template of its variable store, or one
 * combined image that each instance gets a writable copy of.
 */
export type Firmware =
  | { kind: 'split'; code: string; varsTemplate: string }
  | { kind: 'combined'; image: string };

/** Guest architectures the driver runs (the host's own). */
export type GuestArch = 'x86_64' | 'aarch64';

type Candidate = readonly [code: string, vars: string | null];

// Newest layouts first: the 4 MiB Debian/Ubuntu build, then older or other distributions.
const X86_LINUX: readonly Candidate[] = [
  ['/usr/share/OVMF/OVMF_CODE_4M.fd', '/usr/share/OVMF/OVMF_VARS_4M.fd'],
  ['/usr/share/OVMF/OVMF_CODE.fd', '/usr/share/OVMF/OVMF_VARS.fd'],
  ['/usr/share/edk2/ovmf/OVMF_CODE.fd', '/usr/share/edk2/ovmf/OVMF_VARS.fd'],
  ['/usr/share/edk2/x64/OVMF_CODE.fd', '/usr/share/edk2/x64/OVMF_VARS.fd'],
  ['/usr/share/ovmf/OVMF.fd', null],
  ['/usr/share/qemu/OVMF.fd', null],
];

const ARM_LINUX: readonly Candidate[] = [
  ['/usr/share/AAVMF/AAVMF_CODE.fd', '/usr/share/AAVMF/AAVMF_VARS.fd'],
  [
    '/usr/share/edk2/aarch64/QEMU_EFI-pflash.raw',
    '/usr/share/edk2/aarch64/vars-template-pflash.raw',
  ],
];

const HOMEBREW_ROOTS = ['/opt/homebrew/share/qemu', '/usr/local/share/qemu'];

function homebrew(arch: GuestArch): Candidate[] {
  const [code, vars] =
    arch === 'x86_64'
      ? ['edk2-x86_64-code.fd', 'edk2-i386-vars.fd']
      : ['edk2-aarch64-code.fd', 'edk2-arm-vars.fd'];
  return HOMEBREW_ROOTS.map((root) => [join(root, code), join(root, vars)] as const);
}

/** The places firmware is looked for, best first; `dir` replaces them with one folder. */
export function firmwareCandidates(
  arch: GuestArch,
  platform: NodeJS.Platform,
  dir?: string,
): readonly Candidate[] {
  const base = platform === 'darwin' ? homebrew(arch) : arch === 'x86_64' ? X86_LINUX : ARM_LINUX;
  if (!dir) return base;
  const names = [...base, ...homebrew(arch)].map(
    ([code, vars]) => [baseName(code), vars ? baseName(vars) : null] as const,
  );
  return names.map(([code, vars]) => [join(dir, code), vars ? join(dir, vars) : null] as const);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

async function readable(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first complete firmware found among `candidates`, or null. */
export async function findFirmware(candidates: readonly Candidate[]): Promise<Firmware | null> {
  for (const [code, vars] of candidates) {
    if (!(await readable(code))) continue;
    if (vars === null) return { kind: 'combined', image: code };
    if (await readable(vars)) return { kind: 'split', code, varsTemplate: vars };
  }
  return null;
}
