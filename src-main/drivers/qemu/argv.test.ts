import { describe, expect, it } from 'vitest';
import { buildQemuArgv, escapeOption, type LaunchPlan } from './argv';
import { instanceFiles } from './instance-files';

const dir = '/var/berth/instances/web';

function plan(overrides: Partial<LaunchPlan> = {}): LaunchPlan {
  return {
    arch: 'x86_64',
    accel: 'tcg',
    name: 'web',
    cpus: 2,
    memoryMiB: 1024,
    files: instanceFiles(dir),
    qmpSocket: `${dir}/qmp.sock`,
    sshPort: 40022,
    macAddress: '52:54:00:ab:cd:ef',
    boot: { kind: 'kernel', cmdline: 'console=ttyS0 quiet' },
    withSeed: true,
    resumeTag: null,
    ...overrides,
  };
}

/** The value following `flag` each time it occurs. */
function valuesOf(argv: string[], flag: string): string[] {
  return argv.flatMap((arg, index) => (arg === flag ? [argv[index + 1] ?? ''] : []));
}

interface Blockdev {
  driver: string;
  'node-name': string;
  'read-only': boolean;
  file: { filename: string };
}

/** The parsed JSON of every -blockdev, in order. */
function blockdevsOf(argv: string[]): Blockdev[] {
  return valuesOf(argv, '-blockdev').map((text) => JSON.parse(text) as Blockdev);
}

describe('buildQemuArgv', () => {
  it('boots a kernel directly with the instance files, seed, SSH forward and monitor', () => {
    const argv = buildQemuArgv(plan());

    expect(valuesOf(argv, '-machine')).toEqual(['q35']);
    expect(valuesOf(argv, '-kernel')).toEqual([`${dir}/vmlinuz`]);
    expect(valuesOf(argv, '-initrd')).toEqual([`${dir}/initrd.img`]);
    expect(valuesOf(argv, '-append')).toEqual(['console=ttyS0 quiet']);
    expect(valuesOf(argv, '-smp')).toEqual(['2']);
    expect(valuesOf(argv, '-m')).toEqual(['1024']);
    expect(valuesOf(argv, '-netdev')).toEqual(['user,id=net0,hostfwd=tcp:127.0.0.1:40022-:22']);
    expect(valuesOf(argv, '-pidfile')).toEqual([`${dir}/qemu.pid`]);
    expect(argv).toContain('-daemonize');
    expect(argv).toContain('-S');
    expect(argv).not.toContain('-nographic');
    expect(argv).not.toContain('-loadvm');
    expect(argv).not.toContain('-no-shutdown');
    // The kernel loader owns boot index 0 in a direct kernel boot.
    expect(valuesOf(argv, '-device')).toContain('virtio-blk-pci,drive=disk0');

    const blockdevs = blockdevsOf(argv);
    expect(blockdevs).toEqual([
      expect.objectContaining({ driver: 'qcow2', 'node-name': 'disk0', 'read-only': false }),
      expect.objectContaining({ driver: 'raw', 'node-name': 'seed0', 'read-only': true }),
    ]);
    expect(blockdevs[0]?.file.filename).toBe(`${dir}/disk.qcow2`);
    expect(blockdevs[1]?.file.filename).toBe(`${dir}/cloud-init-seed.iso`);
  });

  it('keeps old boots in the console log and serves QMP on the given socket', () => {
    const argv = buildQemuArgv(plan({ qmpSocket: '/tmp/berth-0/abc.qmp' }));

    expect(valuesOf(argv, '-chardev')).toEqual([
      `file,id=serial0,path=${dir}/console.log,append=on`,
      'socket,id=qmp0,path=/tmp/berth-0/abc.qmp,server=on,wait=off',
    ]);
    expect(valuesOf(argv, '-mon')).toEqual(['chardev=qmp0,mode=control']);
  });

  it('boots a disk through split UEFI firmware with a qcow2 variable store', () => {
    const firmware = { kind: 'split', code: '/fw/CODE.fd', varsTemplate: '/fw/VARS.fd' } as const;
    const argv = buildQemuArgv(plan({ boot: { kind: 'disk', firmware } }));

    expect(argv).not.toContain('-kernel');
    expect(valuesOf(argv, '-device')).toContain('virtio-blk-pci,drive=disk0,bootindex=0');
    expect(valuesOf(argv, '-machine')).toEqual(['q35,pflash0=fw0,pflash1=fw1']);
    const blockdevs = blockdevsOf(argv);
    expect(blockdevs.slice(0, 2)).toEqual([
      expect.objectContaining({ driver: 'raw', 'node-name': 'fw0', 'read-only': true }),
      expect.objectContaining({ driver: 'qcow2', 'node-name': 'fw1', 'read-only': false }),
    ]);
    expect(blockdevs[0]?.file.filename).toBe('/fw/CODE.fd');
    expect(blockdevs[1]?.file.filename).toBe(`${dir}/efi-vars.qcow2`);
  });

  it('gives combined firmware one writable flash from the instance copy', () => {
    const firmware = { kind: 'combined', image: '/usr/share/ovmf/OVMF.fd' } as const;
    const argv = buildQemuArgv(plan({ boot: { kind: 'disk', firmware } }));

    expect(valuesOf(argv, '-machine')).toEqual(['q35,pflash0=fw0']);
    expect(blockdevsOf(argv)[0]?.file.filename).toBe(`${dir}/efi-vars.qcow2`);
  });

  it('resumes from the saved state when given a tag', () => {
    const argv = buildQemuArgv(plan({ resumeTag: 'berth-suspend' }));
    expect(valuesOf(argv, '-loadvm')).toEqual(['berth-suspend']);
  });

  it('builds the same argv for a resume as for the boot that saved it', () => {
    const boot = buildQemuArgv(plan());
    const resume = buildQemuArgv(plan({ resumeTag: 'berth-suspend' }));
    expect(resume.slice(0, boot.length)).toEqual(boot);
  });

  it('uses the host CPU under KVM and the emulated max CPU under TCG', () => {
    const kvm = buildQemuArgv(plan({ accel: 'kvm' }));
    const tcg = buildQemuArgv(plan({ accel: 'tcg' }));

    expect(valuesOf(kvm, '-accel')).toEqual(['kvm']);
    expect(valuesOf(kvm, '-cpu')).toEqual(['host']);
    expect(valuesOf(tcg, '-accel')).toEqual(['tcg,thread=multi']);
    expect(valuesOf(tcg, '-cpu')).toEqual(['max']);
  });

  it('leaves the seed out when there is none', () => {
    const argv = buildQemuArgv(plan({ withSeed: false }));
    expect(argv.join(' ')).not.toContain('seed0');
  });

  it('escapes commas in paths inside option lists', () => {
    const odd = '/tmp/a,b';
    const argv = buildQemuArgv(plan({ files: instanceFiles(odd), qmpSocket: `${odd}/q.sock` }));

    expect(valuesOf(argv, '-chardev')[0]).toContain('path=/tmp/a,,b/console.log,');
    expect(escapeOption('x,y,,z')).toBe('x,,y,,,,z');
  });

  it('uses the virt machine on aarch64', () => {
    const argv = buildQemuArgv(plan({ arch: 'aarch64' }));
    expect(valuesOf(argv, '-machine')).toEqual(['virt']);
  });
});
