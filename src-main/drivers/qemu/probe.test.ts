import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findFirmware, firmwareCandidates } from './firmware';
import { kvmUsable, NO_FIRMWARE_WARNING, type ProbeOptions, probeQemu, TCG_WARNING } from './probe';

let root: string;
let bin: string;
let firmwareDir: string;

async function fakeTool(name: string, banner: string): Promise<void> {
  const path = join(bin, name);
  await writeFile(path, `#!/bin/sh\necho '${banner}'\n`);
  await chmod(path, 0o755);
}

async function cpuinfo(flags: string): Promise<string> {
  const path = join(root, `cpuinfo-${flags.length}`);
  await writeFile(path, `processor\t: 0\nflags\t\t: fpu ${flags} sse2\n`);
  return path;
}

function options(extra: ProbeOptions = {}): ProbeOptions {
  return {
    pathEnv: bin,
    platform: 'linux',
    arch: 'x64',
    firmwareDir,
    kvmDevice: join(root, 'no-kvm'),
    cpuinfoPath: join(root, 'no-cpuinfo'),
    ...extra,
  };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'qemu-probe-'));
  bin = join(root, 'bin');
  firmwareDir = join(root, 'firmware');
  await mkdir(bin);
  await mkdir(firmwareDir);
  await fakeTool('qemu-system-x86_64', 'QEMU emulator version 8.1.3 (fake)');
  await fakeTool('qemu-img', 'qemu-img version 8.1.3 (fake)');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('probeQemu', () => {
  it('finds QEMU on PATH and reports its version', async () => {
    const { probe, tools } = await probeQemu(options());

    expect(probe.available).toBe(true);
    expect(probe.version).toBe('8.1.3');
    expect(tools?.qemuSystem).toBe(join(bin, 'qemu-system-x86_64'));
    expect(tools?.qemuImg).toBe(join(bin, 'qemu-img'));
  });

  it('falls back to TCG with a warning when KVM is not usable', async () => {
    const { probe, tools } = await probeQemu(options());

    expect(probe.acceleration).toBe('tcg');
    expect(tools?.accel).toBe('tcg');
    expect(probe.warnings).toContain(TCG_WARNING);
  });

  it('uses KVM when the device is read-writable and the CPU has VT', async () => {
    const kvmDevice = join(root, 'kvm');
    await writeFile(kvmDevice, '');
    const { probe } = await probeQemu(options({ kvmDevice, cpuinfoPath: await cpuinfo('vmx') }));

    expect(probe.acceleration).toBe('kvm');
    expect(probe.warnings).not.toContain(TCG_WARNING);
  });

  it('honours a forced acceleration', async () => {
    const kvmDevice = join(root, 'kvm');
    await writeFile(kvmDevice, '');
    const cpuinfoPath = await cpuinfo('svm');
    const { probe } = await probeQemu(options({ kvmDevice, cpuinfoPath, forceAccel: 'tcg' }));

    expect(probe.acceleration).toBe('tcg');
  });

  it('says which binary is missing and how to install it', async () => {
    await rm(join(bin, 'qemu-system-x86_64'));
    const { probe, tools } = await probeQemu(options());

    expect(tools).toBeNull();
    expect(probe).toMatchObject({
      available: false,
      reason: 'qemu-system-x86_64 was not found',
      fix: 'Install QEMU: sudo apt install qemu-system-x86 qemu-utils',
    });
  });

  it('reports a missing qemu-img', async () => {
    await rm(join(bin, 'qemu-img'));
    const { probe } = await probeQemu(options());

    expect(probe).toMatchObject({ available: false, reason: 'qemu-img was not found' });
  });

  it('suggests Homebrew on macOS', async () => {
    const { probe } = await probeQemu(
      options({ pathEnv: join(root, 'empty'), platform: 'darwin' }),
    );
    expect(probe.fix).toBe('Install QEMU: brew install qemu');
  });

  it('looks for the aarch64 system emulator on arm64 hosts', async () => {
    const { probe } = await probeQemu(options({ arch: 'arm64' }));

    expect(probe.reason).toBe('qemu-system-aarch64 was not found');
    expect(probe.fix).toBe('Install QEMU: sudo apt install qemu-system-arm qemu-utils');
  });

  it('warns that only kernel images boot when no UEFI firmware is installed', async () => {
    const { probe, tools } = await probeQemu(options());

    expect(probe.available).toBe(true);
    expect(probe.warnings).toContain(NO_FIRMWARE_WARNING);
    expect(tools?.firmware).toBeNull();
  });

  it('finds split OVMF code and variables', async () => {
    await writeFile(join(firmwareDir, 'OVMF_CODE_4M.fd'), 'code');
    await writeFile(join(firmwareDir, 'OVMF_VARS_4M.fd'), 'vars');
    const { probe, tools } = await probeQemu(options());

    expect(probe.warnings).not.toContain(NO_FIRMWARE_WARNING);
    expect(tools?.firmware).toEqual({
      kind: 'split',
      code: join(firmwareDir, 'OVMF_CODE_4M.fd'),
      varsTemplate: join(firmwareDir, 'OVMF_VARS_4M.fd'),
    });
  });
});

describe('findFirmware', () => {
  it('skips code without its variable store and accepts a combined image', async () => {
    await writeFile(join(firmwareDir, 'OVMF_CODE_4M.fd'), 'code only');
    await writeFile(join(firmwareDir, 'OVMF.fd'), 'combined');
    const found = await findFirmware(firmwareCandidates('x86_64', 'linux', firmwareDir));

    expect(found).toEqual({ kind: 'combined', image: join(firmwareDir, 'OVMF.fd') });
  });

  it("finds Homebrew's edk2 files by name in a given folder", async () => {
    await writeFile(join(firmwareDir, 'edk2-x86_64-code.fd'), 'code');
    await writeFile(join(firmwareDir, 'edk2-i386-vars.fd'), 'vars');
    const found = await findFirmware(firmwareCandidates('x86_64', 'darwin', firmwareDir));

    expect(found).toMatchObject({ kind: 'split', code: join(firmwareDir, 'edk2-x86_64-code.fd') });
  });
});

describe('kvmUsable', () => {
  it('refuses a KVM device when the CPU flags lack vmx and svm (nested, hangs)', async () => {
    const kvmDevice = join(root, 'kvm');
    await writeFile(kvmDevice, '');

    expect(await kvmUsable(kvmDevice, await cpuinfo('hypervisor'))).toBe(false);
    expect(await kvmUsable(kvmDevice, await cpuinfo('vmx'))).toBe(true);
    expect(await kvmUsable(join(root, 'none'), await cpuinfo('vmx'))).toBe(false);
  });
});
