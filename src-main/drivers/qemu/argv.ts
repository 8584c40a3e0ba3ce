/**
 * Builds QEMU's command line for one instance. Pure: the same plan always gives the same
 * argv, which `-loadvm` needs (a saved state only loads into an identical machine).
 */
import type { Firmware, GuestArch } from './firmware';
import type { InstanceFiles } from './instance-files';
import type { Accel } from './probe';

/** How the guest boots: its kernel directly, or its disk through UEFI firmware. */
export type BootPlan = { kind: 'kernel'; cmdline: string } | { kind: 'disk'; firmware: Firmware };

/** Everything that decides QEMU's command line. */
export interface LaunchPlan {
  arch: GuestArch;
  accel: Accel;
  name: string;
  cpus: number;
  memoryMiB: number;
  files: InstanceFiles;
  qmpSocket: string;
  /** The NIC's MAC address. */
  macAddress: string;
  /** The loopback port forwarded to the guest's port 22. */
  sshPort: number;
  boot: BootPlan;
  /** Whether the cloud-init seed ISO is attached. */
  withSeed: boolean;
  /** The snapshot tag to resume from, or null for a fresh boot. */
  resumeTag: string | null;
}

/** Escapes a value inside a QEMU `key=value,...` option (a comma is written twice). */
export function escapeOption(value: string): string {
  return value.replaceAll(',', ',,');
}

function machineArgs(plan: LaunchPlan): string[] {
  const machine = [plan.arch === 'x86_64' ? 'q35' : 'virt'];
  if (plan.boot.kind === 'disk') {
    machine.push('pflash0=fw0');
    if (plan.boot.firmware.kind === 'split') machine.push('pflash1=fw1');
  }
  const accel = plan.accel === 'tcg' ? 'tcg,thread=multi' : plan.accel;
  const cpu = plan.accel === 'tcg' ? 'max' : 'host';
  return [
    ['-machine', machine.join(',')],
    ['-accel', accel],
    ['-cpu', cpu],
    ['-smp', String(plan.cpus)],
    ['-m', String(plan.memoryMiB)],
    ['-name', escapeOption(plan.name)],
  ].flat();
}

function fileNode(nodeName: string, format: 'qcow2' | 'raw', path: string, readOnly: boolean) {
  const file = { driver: 'file', filename: path, 'read-only': readOnly };
  return JSON.stringify({ driver: format, 'node-name': nodeName, 'read-only': readOnly, file });
}

function firmwareArgs(firmware: Firmware, files: InstanceFiles): string[] {
  // Both the code and the per-instance store are snapshot-capable qcow2 or read-only, as savevm
  // refuses a writable raw flash.
  if (firmware.kind === 'combined') {
    return ['-blockdev', fileNode('fw0', 'qcow2', files.efiVars, false)];
  }
  return [
    ['-blockdev', fileNode('fw0', 'raw', firmware.code, true)],
    ['-blockdev', fileNode('fw1', 'qcow2', files.efiVars, false)],
  ].flat();
}

function bootArgs(plan: LaunchPlan): string[] {
  if (plan.boot.kind === 'disk') return firmwareArgs(plan.boot.firmware, plan.files);
  const { files } = plan;
  return ['-kernel', files.kernel, '-initrd', files.initrd, '-append', plan.boot.cmdline];
}

function storageArgs(plan: LaunchPlan): string[] {
  // Direct kernel boot claims boot index 0 itself; firmware should try the disk first.
  const disk = plan.boot.kind === 'disk' ? 'drive=disk0,bootindex=0' : 'drive=disk0';
  const args = [
    ['-blockdev', fileNode('disk0', 'qcow2', plan.files.disk, false)],
    ['-device', `virtio-blk-pci,${disk}`],
  ];
  if (plan.withSeed) {
    // Attached as virtio-blk: cloud kernels often lack drivers for an emulated CD-ROM on q35.
    args.push(['-blockdev', fileNode('seed0', 'raw', plan.files.seedIso, true)]);
    args.push(['-device', 'virtio-blk-pci,drive=seed0']);
  }
  return args.flat();
}

function deviceArgs(plan: LaunchPlan): string[] {
  const forward = `hostfwd=tcp:127.0.0.1:${plan.sshPort}-:22`;
  return [
    // No option ROM: PXE would only delay a disk boot.
    ['-netdev', `user,id=net0,${forward}`],
    ['-device', `virtio-net-pci,netdev=net0,mac=${plan.macAddress},romfile=`],
    ['-object', 'rng-random,id=rng0,filename=/dev/urandom'],
    ['-device', 'virtio-rng-pci,rng=rng0'],
  ].flat();
}

function hostArgs(plan: LaunchPlan): string[] {
  const { files } = plan;
  const serial = `file,id=serial0,path=${escapeOption(files.consoleLog)},append=on`;
  const qmp = `socket,id=qmp0,path=${escapeOption(plan.qmpSocket)},server=on,wait=off`;
  return [
    // -nographic is avoided: some QEMU versions refuse it together with -daemonize.
    ['-nodefaults', '-display', 'none', '-vga', 'none'],
    ['-chardev', serial, '-serial', 'chardev:serial0'],
    ['-chardev', qmp, '-mon', 'chardev=qmp0,mode=control'],
    // -S holds the CPUs until Berth is connected, so it sees the RESUME event of every boot.
    ['-S', '-daemonize', '-pidfile', files.pidFile],
  ].flat();
}

/** QEMU's arguments (without the binary) for `plan`. */
export function buildQemuArgv(plan: LaunchPlan): string[] {
  const resume = plan.resumeTag ? ['-loadvm', plan.resumeTag] : [];
  return [
    ...machineArgs(plan),
    ...bootArgs(plan),
    ...storageArgs(plan),
    ...deviceArgs(plan),
    ...hostArgs(plan),
    ...resume,
  ];
}
