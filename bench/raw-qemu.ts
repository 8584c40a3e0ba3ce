/**
 * The baseline: the tiny guest booted by a plain `qemu-system-x86_64` command, with the same
 * machine, memory, devices and seed as Berth uses, timed from spawn to the first SSH login.
 */
import { join } from 'node:path';
import { execa } from 'execa';
import type { TinyGuest } from '../e2e/support/guests';
import { freeLoopbackPort } from '../src-main/drivers/qemu/host-process';
import { waitForSsh } from '../src-main/ssh/wait-for-ssh';
import { since } from './stats';

/** Boots the guest once with raw QEMU and returns milliseconds to SSH. */
export async function rawBootToSsh(
  guest: TinyGuest,
  seedIso: string,
  privateKey: string,
  workDir: string,
  memoryMiB: number,
): Promise<number> {
  const overlay = join(workDir, `raw-${Date.now()}.qcow2`);
  await execa('qemu-img', [
    'create',
    '-q',
    '-f',
    'qcow2',
    '-b',
    guest.disk,
    '-F',
    'qcow2',
    overlay,
  ]);
  const port = await freeLoopbackPort();
  const started = performance.now();
  const qemu = execa(
    'qemu-system-x86_64',
    [
      ['-machine', 'q35', '-accel', 'tcg,thread=multi', '-cpu', 'max'],
      ['-smp', '1', '-m', String(memoryMiB), '-nodefaults', '-display', 'none', '-vga', 'none'],
      ['-kernel', guest.kernel, '-initrd', guest.initrd, '-append', guest.cmdline],
      ['-drive', `file=${overlay},if=virtio,format=qcow2`],
      ['-drive', `file=${seedIso},if=virtio,format=raw,readonly=on`],
      ['-netdev', `user,id=n0,hostfwd=tcp:127.0.0.1:${port}-:22`],
      ['-device', 'virtio-net-pci,netdev=n0', '-serial', `file:${join(workDir, 'raw.log')}`],
    ].flat(),
    { reject: false },
  );
  try {
    await waitForSsh({ host: '127.0.0.1', port }, 'ubuntu', privateKey, { timeoutMs: 120_000 });
    return since(started);
  } finally {
    qemu.kill('SIGKILL');
    await qemu;
  }
}
