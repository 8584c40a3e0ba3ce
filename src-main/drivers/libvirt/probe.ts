/**
 * Finds libvirt on this computer: virsh, a daemon answering on the configured URI, its
 * version, and whether KVM domains really work there. Each problem comes with its fix.
 */
import { findExecutable } from '../../host/executables';
import type { DriverProbe } from '../driver';
import { kvmUsable, TCG_WARNING } from '../qemu/probe';
import { activeNatNetwork, NAT_INACTIVE_WARNING } from './nat-network';
import { Virsh } from './virsh';

/** The domain type the driver defines: `kvm` when it really runs guests, else `qemu` (TCG). */
export type DomainType = 'kvm' | 'qemu';

/** What the driver needs once the probe found libvirt usable. */
export interface LibvirtTools {
  virsh: Virsh;
  domainType: DomainType;
}

/** The probe as the core sees it, plus the tools when libvirt is usable. */
export interface LibvirtProbeResult {
  probe: DriverProbe;
  tools: LibvirtTools | null;
}

/** Where to look; every field has a default taken from this computer. */
export interface LibvirtProbeOptions {
  uri: () => string;
  virshBinary?: string;
  pathEnv?: string;
  kvmDevice?: string;
  cpuinfoPath?: string;
}

/** The install command given when virsh is missing. */
export const INSTALL_FIX =
  'Install libvirt: sudo apt install libvirt-daemon-system libvirt-clients qemu-system-x86';

/** Why a connection failed and what to do, from virsh's error output. */
export function explainConnectFailure(
  stderr: string,
  uri: string,
): { reason: string; fix: string } {
  const firstError = stderr.split('\n').find((line) => line.trim() !== '') ?? 'no output';
  if (/permission denied|authentication (unavailable|failed)|access denied/i.test(stderr)) {
    return {
      reason: `No permission to use ${uri}`,
      fix:
        'Join the libvirt group (sudo usermod -aG libvirt $USER, then log in again), ' +
        'or set libvirt.uri to qemu:///session',
    };
  }
  // Checked after permission: a refused socket also says "Failed to connect socket".
  if (/no such file or directory|connection refused|failed to connect socket/i.test(stderr)) {
    return {
      reason: `The libvirt daemon is not running (${uri} does not answer)`,
      fix:
        'Start it: sudo systemctl start libvirtd, or scripts/services/libvirt.sh start ' +
        'on hosts without systemd',
    };
  }
  return {
    reason: `libvirt at ${uri} could not be reached: ${firstError.replace(/^error: /, '')}`,
    fix: 'Check the libvirt.uri setting and that the daemon runs',
  };
}

/** The daemon version in `virsh version --daemon` output, or null. */
export function parseDaemonVersion(output: string): string | null {
  const daemon = /Running against daemon:\s*(\S+)/.exec(output)?.[1];
  return daemon ?? /Using library: libvirt\s*(\S+)/.exec(output)?.[1] ?? null;
}

/** True when `uri` names a connection on another computer (its KVM is not ours to check). */
export function isRemoteUri(uri: string): boolean {
  return /^[a-z0-9]+(\+[a-z0-9]+)?:\/\/[^/]/i.test(uri);
}

function unavailable(reason: string, fix: string, version: string | null): LibvirtProbeResult {
  return {
    probe: { available: false, version, acceleration: null, warnings: [], reason, fix },
    tools: null,
  };
}

/** Why domains run emulated, for the probe's warning. */
const NO_KVM_DOMAIN = `${TCG_WARNING} (libvirt offers no kvm domain type here)`;
const KVM_UNUSABLE =
  `${TCG_WARNING} (libvirt lists kvm, but /dev/kvm is not usable: no read-write access, ` +
  'or no vmx/svm in /proc/cpuinfo)';

async function chooseDomainType(
  virsh: Virsh,
  options: LibvirtProbeOptions,
): Promise<{ type: DomainType; warning: string | null }> {
  const capabilities = await virsh.tryRun(['capabilities'], { timeoutMs: 20_000 });
  if (!/<domain type=['"]kvm['"]/.test(capabilities.stdout)) {
    return { type: 'qemu', warning: NO_KVM_DOMAIN };
  }
  if (isRemoteUri(virsh.connection)) return { type: 'kvm', warning: null };
  // libvirt lists kvm whenever /dev/kvm exists; a nested one without VT hangs guests.
  const usable = await kvmUsable(
    options.kvmDevice ?? '/dev/kvm',
    options.cpuinfoPath ?? '/proc/cpuinfo',
  );
  return usable ? { type: 'kvm', warning: null } : { type: 'qemu', warning: KVM_UNUSABLE };
}

/** Probes libvirt at the configured URI. */
export async function probeLibvirt(options: LibvirtProbeOptions): Promise<LibvirtProbeResult> {
  const name = options.virshBinary ?? 'virsh';
  const binary = await findExecutable(name, options.pathEnv ?? process.env.PATH ?? '');
  if (!binary)
    return unavailable(`${name} was not found: libvirt is not installed`, INSTALL_FIX, null);

  const virsh = new Virsh(binary, options.uri);
  const uri = virsh.connection;
  const version = await virsh.tryRun(['version', '--daemon'], { timeoutMs: 20_000 });
  if (!version.ok) {
    const { reason, fix } = explainConnectFailure(version.stderr, uri);
    return unavailable(reason, fix, null);
  }

  const { type: domainType, warning } = await chooseDomainType(virsh, options);
  const natNetwork = await activeNatNetwork(virsh);
  const warnings = [warning, natNetwork ? null : NAT_INACTIVE_WARNING];
  const probe: DriverProbe = {
    available: true,
    version: parseDaemonVersion(version.stdout),
    acceleration: domainType === 'kvm' ? 'kvm' : 'tcg',
    warnings: warnings.filter((w): w is string => w !== null),
    reason: null,
    fix: null,
  };
  return { probe, tools: { virsh, domainType } };
}
