/**
 * Finds QEMU on this computer: its binaries and versions, the fastest acceleration that
 * really works, and UEFI firmware. Reports problems as a reason plus the fix.
 */
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { findExecutable } from '../../host/executables';
import type { DriverProbe } from '../driver';
import { type Firmware, findFirmware, firmwareCandidates, type GuestArch } from './firmware';

/** How QEMU runs guest code: in-kernel (KVM), Apple's Hypervisor.framework, or emulated. */
export type Accel = 'kvm' | 'hvf' | 'tcg';

/** What the driver needs to run QEMU here, once the probe found it. */
export interface QemuTools {
  qemuSystem: string;
  qemuImg: string;
  accel: Accel;
  arch: GuestArch;
  firmware: Firmware | null;
}

/** Where to look; every field has a default taken from this computer. */
export interface ProbeOptions {
  qemuBinary?: string;
  qemuImg?: string;
  firmwareDir?: string;
  forceAccel?: 'kvm' | 'tcg';
  pathEnv?: string;
  platform?: NodeJS.Platform;
  /** Node's architecture name (`x64`, `arm64`). */
  arch?: string;
  kvmDevice?: string;
  cpuinfoPath?: string;
}

/** The probe as the core sees it, plus the tools when QEMU is usable. */
export interface QemuProbeResult {
  probe: DriverProbe;
  tools: QemuTools | null;
}

/** Warning given when guests must run under software emulation. */
export const TCG_WARNING =
  'No usable KVM: instances run under software emulation (TCG) and boot slowly';
/** Warning given when no UEFI firmware was found. */
export const NO_FIRMWARE_WARNING =
  'UEFI firmware (OVMF) not found: only direct-kernel images can boot; install ovmf';

/** The version number in a `--version` banner ("QEMU emulator version 7.2.22 (...)"). */
export function parseVersion(banner: string): string | null {
  return /version\s+(\d+(?:\.\d+)*)/i.exec(banner)?.[1] ?? null;
}

async function readVersion(binary: string): Promise<string> {
  const { stdout } = await execa(binary, ['--version'], { timeout: 10_000 });
  return parseVersion(stdout) ?? stdout.split('\n')[0] ?? 'unknown';
}

/** True when KVM can really run guests: the device opens read-write and the CPU has VT. */
export async function kvmUsable(kvmDevice: string, cpuinfoPath: string): Promise<boolean> {
  try {
    await access(kvmDevice, constants.R_OK | constants.W_OK);
    const cpuinfo = await readFile(cpuinfoPath, 'utf8');
    // A nested /dev/kvm without vmx/svm in the flags opens fine but hangs guests.
    return /^flags\s*:.*\b(vmx|svm)\b/m.test(cpuinfo);
  } catch {
    return false;
  }
}

// Known limitation: the macOS path (Hypervisor.framework, Homebrew's edk2 files) is written
// from QEMU's documentation; the machines Berth is tested on run Linux only.
async function hvfUsable(): Promise<boolean> {
  const result = await execa('sysctl', ['-n', 'kern.hv_support'], { reject: false });
  return result.exitCode === 0 && result.stdout.trim() === '1';
}

/** The QEMU install command for this host. */
export function installFix(platform: NodeJS.Platform, arch: GuestArch): string {
  if (platform === 'darwin') return 'Install QEMU: brew install qemu';
  const system = arch === 'x86_64' ? 'qemu-system-x86' : 'qemu-system-arm';
  return `Install QEMU: sudo apt install ${system} qemu-utils`;
}

function unavailable(reason: string, fix: string, version: string | null): QemuProbeResult {
  const probe = { available: false, version, acceleration: null, warnings: [], reason, fix };
  return { probe, tools: null };
}

async function chooseAccel(options: ProbeOptions, platform: NodeJS.Platform): Promise<Accel> {
  if (options.forceAccel) return options.forceAccel;
  if (platform === 'darwin') return (await hvfUsable()) ? 'hvf' : 'tcg';
  const kvm = await kvmUsable(
    options.kvmDevice ?? '/dev/kvm',
    options.cpuinfoPath ?? '/proc/cpuinfo',
  );
  return kvm ? 'kvm' : 'tcg';
}

/** Probes QEMU on this computer (or where `options` point). */
export async function probeQemu(options: ProbeOptions = {}): Promise<QemuProbeResult> {
  const platform = options.platform ?? process.platform;
  const arch: GuestArch = (options.arch ?? process.arch) === 'arm64' ? 'aarch64' : 'x86_64';
  const pathEnv = options.pathEnv ?? process.env.PATH ?? '';
  const fix = installFix(platform, arch);

  const systemName = options.qemuBinary ?? `qemu-system-${arch}`;
  const qemuSystem = await findExecutable(systemName, pathEnv);
  if (!qemuSystem) return unavailable(`${systemName} was not found`, fix, null);
  const imgName = options.qemuImg ?? 'qemu-img';
  const qemuImg = await findExecutable(imgName, pathEnv);
  if (!qemuImg) return unavailable(`${imgName} was not found`, fix, null);

  let version: string;
  try {
    version = await readVersion(qemuSystem);
    await readVersion(qemuImg);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return unavailable(`QEMU could not run: ${message}`, fix, null);
  }

  const accel = await chooseAccel(options, platform);
  const candidates = firmwareCandidates(arch, platform, options.firmwareDir);
  const firmware = await findFirmware(candidates);
  const warnings = [
    ...(accel === 'tcg' ? [TCG_WARNING] : []),
    ...(firmware ? [] : [NO_FIRMWARE_WARNING]),
  ];
  const probe = {
    available: true,
    version,
    acceleration: accel,
    warnings,
    reason: null,
    fix: null,
  };
  return { probe, tools: { qemuSystem, qemuImg, accel, arch, firmware } };
}
