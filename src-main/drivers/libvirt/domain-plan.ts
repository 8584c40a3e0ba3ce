/**
 * Turns an instance folder laid out by the QEMU driver into a domain plan: the same disk,
 * seed, kernel or firmware, so an instance moves between the two drivers unchanged.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { BerthError } from '../../../src-shared/errors';
import { natMacAddress } from '../../cloud-init/seed-documents';
import type { DriverContext } from '../driver';
import { readInstanceConfig } from '../qemu/instance-config';
import { instanceFiles } from '../qemu/instance-files';
import { NO_FIRMWARE_WARNING, type QemuTools } from '../qemu/probe';
import { runQemuImg } from '../qemu/qemu-img';
import type { DomainBoot, DomainPlan } from './domain-xml';
import { domainNameOf, domainUuidOf, libvirtFiles } from './identity';
import type { DomainType } from './probe';

const KIB = 1024;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The raw UEFI variable store libvirt boots with, made once from the instance's qcow2 store.
 * Known limitation: from then on each driver keeps its own copy of the UEFI variables, so a
 * boot entry written under one driver is not seen by the other; the firmware's fallback path
 * (EFI/BOOT/BOOTX64.EFI) boots cloud images either way.
 */
async function rawNvram(ctx: DriverContext, qemuImg: string): Promise<string> {
  const { nvram } = libvirtFiles(ctx.dir);
  if (await exists(nvram)) return nvram;
  const qcow2 = instanceFiles(ctx.dir).efiVars;
  await runQemuImg(qemuImg, ['convert', '-O', 'raw', qcow2, nvram]);
  ctx.log.info('made a raw UEFI variable store for libvirt', { instance: ctx.spec.name });
  return nvram;
}

async function bootOf(ctx: DriverContext, tools: QemuTools): Promise<DomainBoot> {
  const files = instanceFiles(ctx.dir);
  if (ctx.spec.bootKind === 'kernel') {
    const cmdline = ctx.spec.cmdline ?? '';
    return { kind: 'kernel', kernel: files.kernel, initrd: files.initrd, cmdline };
  }
  const firmware = (await readInstanceConfig(ctx.dir))?.firmware ?? tools.firmware;
  if (!firmware) throw new BerthError('UNSUPPORTED', NO_FIRMWARE_WARNING);
  const nvram = await rawNvram(ctx, tools.qemuImg);
  // A combined image is code and variables in one: its writable copy is the loader itself.
  if (firmware.kind === 'combined') {
    return { kind: 'uefi', loader: nvram, loaderReadOnly: false, nvram: null };
  }
  return { kind: 'uefi', loader: firmware.code, loaderReadOnly: true, nvram };
}

/**
 * The plan for booting `ctx`'s instance afresh with SSH forwarded from `sshPort`, and a NIC
 * on `natNetwork` when one is active.
 */
export async function domainPlanOf(
  ctx: DriverContext,
  tools: QemuTools,
  type: DomainType,
  sshPort: number,
  natNetwork: string | null,
): Promise<DomainPlan> {
  const files = instanceFiles(ctx.dir);
  const { spec } = ctx;
  return {
    name: domainNameOf(spec.name, ctx.dir),
    uuid: domainUuidOf(ctx.dir),
    title: spec.name,
    description: `Berth instance ${spec.name} (${ctx.dir})`,
    type,
    arch: tools.arch,
    cpus: spec.cpus,
    memoryKiB: Math.ceil(spec.memoryBytes / KIB),
    macAddress: spec.macAddress,
    sshPort,
    natNic: natNetwork ? { network: natNetwork, macAddress: natMacAddress(spec.macAddress) } : null,
    disk: files.disk,
    seedIso: (await exists(files.seedIso)) ? files.seedIso : null,
    consoleLog: files.consoleLog,
    boot: await bootOf(ctx, tools),
  };
}
