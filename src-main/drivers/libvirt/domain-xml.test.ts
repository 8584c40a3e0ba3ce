import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildDomainXml, type DomainPlan, QEMU_NAMESPACE, sshPortOf } from './domain-xml';

const kernelPlan: DomainPlan = {
  name: 'berth-web-0123abcd',
  uuid: '01234567-89ab-4cde-8f01-23456789abcd',
  title: 'web',
  description: 'Berth instance web (/data/web)',
  type: 'qemu',
  arch: 'x86_64',
  cpus: 2,
  memoryKiB: 524_288,
  macAddress: '52:54:00:aa:bb:cc',
  sshPort: 40_022,
  disk: '/data/web/disk.qcow2',
  natNic: null,
  seedIso: '/data/web/cloud-init-seed.iso',
  consoleLog: '/data/web/console.log',
  boot: {
    kind: 'kernel',
    kernel: '/data/web/vmlinuz',
    initrd: '/data/web/initrd.img',
    cmdline: 'console=ttyS0 quiet',
  },
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });
const parse = (plan: DomainPlan): unknown => parser.parse(buildDomainXml(plan)).domain;

describe('domain XML', () => {
  it('adds a virtio NIC on the NAT network with the MAC the seed asks DHCP for', () => {
    const natNic = { network: 'default', macAddress: '52:54:00:2a:bb:cc' };
    const domain = parse({ ...kernelPlan, natNic }) as { devices: Record<string, unknown> };
    expect(domain.devices.interface).toEqual({
      '@_type': 'network',
      mac: { '@_address': '52:54:00:2a:bb:cc' },
      source: { '@_network': 'default' },
      model: { '@_type': 'virtio' },
    });
    expect((parse(kernelPlan) as typeof domain).devices.interface).toBeUndefined();
  });

  it('describes a TCG domain booting kernel and initrd from the instance folder', () => {
    expect(parse(kernelPlan)).toMatchObject({
      '@_type': 'qemu',
      '@_xmlns:qemu': QEMU_NAMESPACE,
      name: 'berth-web-0123abcd',
      uuid: kernelPlan.uuid,
      title: 'web',
      vcpu: 2,
      memory: { '@_unit': 'KiB', '#text': 524_288 },
      os: {
        type: { '@_arch': 'x86_64', '@_machine': 'q35', '#text': 'hvm' },
        kernel: '/data/web/vmlinuz',
        initrd: '/data/web/initrd.img',
        cmdline: 'console=ttyS0 quiet',
      },
      cpu: { '@_mode': 'maximum', '@_migratable': 'on' },
    });
  });

  it('attaches the disk as qcow2 and the seed as a read-only raw virtio disk', () => {
    expect(parse(kernelPlan)).toMatchObject({
      devices: {
        disk: [
          {
            driver: { '@_type': 'qcow2' },
            source: { '@_file': '/data/web/disk.qcow2' },
            target: { '@_dev': 'vda', '@_bus': 'virtio' },
          },
          {
            driver: { '@_type': 'raw' },
            source: { '@_file': '/data/web/cloud-init-seed.iso' },
            target: { '@_dev': 'vdb', '@_bus': 'virtio' },
            readonly: '',
          },
        ],
      },
    });
    const xml = buildDomainXml(kernelPlan);
    expect(xml.match(/<readonly\/>/g)).toHaveLength(1);
    expect(buildDomainXml({ ...kernelPlan, seedIso: null })).not.toContain('vdb');
  });

  it('writes the serial console to the log file, appending', () => {
    const log = { '@_path': '/data/web/console.log', '@_append': 'on' };
    expect(parse(kernelPlan)).toMatchObject({
      devices: {
        serial: { '@_type': 'file', source: log },
        console: { '@_type': 'file', source: log, target: { '@_type': 'serial' } },
      },
    });
  });

  it('forwards a loopback port to SSH through a user-mode NIC with the instance MAC', () => {
    const xml = buildDomainXml(kernelPlan);
    const values = [
      '-netdev',
      'user,id=berthnet0,hostfwd=tcp:127.0.0.1:40022-:22',
      '-device',
      'virtio-net-pci,netdev=berthnet0,mac=52:54:00:aa:bb:cc,romfile=,bus=pcie.0,addr=0x10',
    ];
    expect(parse(kernelPlan)).toMatchObject({
      'qemu:commandline': { 'qemu:arg': values.map((value) => ({ '@_value': value })) },
    });
    expect(sshPortOf(xml)).toBe(40_022);
    expect(xml).not.toContain('<interface');
  });

  it('boots UEFI with read-only code and the instance variable store', () => {
    const code = '/usr/share/OVMF/OVMF_CODE_4M.fd';
    const plan: DomainPlan = {
      ...kernelPlan,
      type: 'kvm',
      boot: { kind: 'uefi', loader: code, loaderReadOnly: true, nvram: '/data/web/efi-vars.fd' },
    };
    expect(parse(plan)).toMatchObject({
      '@_type': 'kvm',
      cpu: { '@_mode': 'host-passthrough' },
      os: {
        loader: { '@_readonly': 'yes', '@_type': 'pflash', '#text': code },
        nvram: '/data/web/efi-vars.fd',
        boot: { '@_dev': 'hd' },
      },
    });
    expect(buildDomainXml(plan)).not.toContain('<kernel>');
  });

  it('escapes names, paths and the command line by construction', () => {
    const hostile = '/data/a&b <c> "d" \'e\'/disk.qcow2';
    const boot = { ...kernelPlan.boot, cmdline: 'console=ttyS0 x="<&>"' } as DomainPlan['boot'];
    const plan: DomainPlan = {
      ...kernelPlan,
      description: 'Berth instance web (</description><evil/>)',
      disk: hostile,
      boot,
    };
    const xml = buildDomainXml(plan);
    expect(xml).not.toContain('<evil/>');
    expect(parser.parse(xml).domain).toMatchObject({
      description: 'Berth instance web (</description><evil/>)',
      devices: { disk: [{ source: { '@_file': hostile } }, {}] },
      os: { cmdline: 'console=ttyS0 x="<&>"' },
    });
  });

  it('finds no SSH port in a domain Berth did not define', () => {
    expect(sshPortOf('<domain type="kvm"><name>other</name></domain>')).toBeNull();
  });
});
