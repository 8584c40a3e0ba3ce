/**
 * Builds the libvirt domain XML of one instance with an XML builder, so names, paths and the
 * kernel command line are escaped by construction, and reads back what Berth put in it.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { DomainType } from './probe';

/** libvirt's namespace for raw QEMU arguments. */
export const QEMU_NAMESPACE = 'http://libvirt.org/schemas/domain/qemu/1.0';
/** The id of the user-mode network backend carrying the SSH forward. */
export const SSH_NETDEV_ID = 'berthnet0';

/** How the domain boots: kernel + initrd directly, or its disk through UEFI. */
export type DomainBoot =
  | { kind: 'kernel'; kernel: string; initrd: string; cmdline: string }
  /** `nvram` is null for a combined firmware image (its writable copy is the loader). */
  | { kind: 'uefi'; loader: string; loaderReadOnly: boolean; nvram: string | null };

/** Everything that decides one domain's XML. */
export interface DomainPlan {
  /** The libvirt domain name (unique per connection). */
  name: string;
  uuid: string;
  /** The Berth instance name, shown as the domain's title. */
  title: string;
  description: string;
  type: DomainType;
  arch: 'x86_64' | 'aarch64';
  cpus: number;
  memoryKiB: number;
  macAddress: string;
  /** The loopback port forwarded to the guest's port 22. */
  sshPort: number;
  disk: string;
  /**
   * A second NIC on a libvirt network (its `default` NAT network), with the MAC the seed's
   * network-config asks DHCP for; null when that network is not active.
   */
  natNic: { network: string; macAddress: string } | null;
  /** The cloud-init seed, attached as a read-only virtio disk; null when there is none. */
  seedIso: string | null;
  consoleLog: string;
  boot: DomainBoot;
}

type Node = Record<string, unknown>;

function osNode(plan: DomainPlan): Node {
  const machine = plan.arch === 'x86_64' ? 'q35' : 'virt';
  const type = { '@_arch': plan.arch, '@_machine': machine, '#text': 'hvm' };
  if (plan.boot.kind === 'kernel') {
    const { kernel, initrd, cmdline } = plan.boot;
    return { type, kernel, initrd, cmdline };
  }
  const { loader, loaderReadOnly, nvram } = plan.boot;
  const loaderNode = {
    '@_readonly': loaderReadOnly ? 'yes' : 'no',
    '@_type': 'pflash',
    '#text': loader,
  };
  return { type, loader: loaderNode, ...(nvram ? { nvram } : {}), boot: { '@_dev': 'hd' } };
}

function diskNode(path: string, format: 'qcow2' | 'raw', target: string, readOnly: boolean): Node {
  return {
    '@_type': 'file',
    '@_device': 'disk',
    driver: { '@_name': 'qemu', '@_type': format, '@_discard': 'unmap' },
    source: { '@_file': path },
    target: { '@_dev': target, '@_bus': 'virtio' },
    ...(readOnly ? { readonly: '' } : {}),
  };
}

function devicesNode(plan: DomainPlan): Node {
  const disks = [diskNode(plan.disk, 'qcow2', 'vda', false)];
  if (plan.seedIso) disks.push(diskNode(plan.seedIso, 'raw', 'vdb', true));
  const log = { '@_path': plan.consoleLog, '@_append': 'on' };
  return {
    disk: disks,
    ...(plan.natNic ? { interface: natInterfaceNode(plan.natNic) } : {}),
    serial: { '@_type': 'file', source: log, target: { '@_port': '0' } },
    console: { '@_type': 'file', source: log, target: { '@_type': 'serial', '@_port': '0' } },
    rng: { '@_model': 'virtio', backend: { '@_model': 'random', '#text': '/dev/urandom' } },
    video: { model: { '@_type': 'none' } },
    memballoon: { '@_model': 'none' },
  };
}

function natInterfaceNode(nic: { network: string; macAddress: string }): Node {
  return {
    '@_type': 'network',
    mac: { '@_address': nic.macAddress },
    source: { '@_network': nic.network },
    model: { '@_type': 'virtio' },
  };
}

/**
 * Raw QEMU arguments for the NIC: libvirt 9.0 rejects port forwards on its own user-mode
 * interface, so the netdev with the loopback SSH forward is passed through. The device gets a
 * fixed slot on the root bus, clear of the ports libvirt assigns from slot 1 upwards.
 */
function qemuArgs(plan: DomainPlan): Node {
  const forward = `hostfwd=tcp:127.0.0.1:${plan.sshPort}-:22`;
  const device =
    `virtio-net-pci,netdev=${SSH_NETDEV_ID},mac=${plan.macAddress},romfile=,` +
    'bus=pcie.0,addr=0x10';
  const args = ['-netdev', `user,id=${SSH_NETDEV_ID},${forward}`, '-device', device];
  return { 'qemu:arg': args.map((value) => ({ '@_value': value })) };
}

function cpuNode(type: DomainType): Node {
  return type === 'kvm'
    ? { '@_mode': 'host-passthrough' }
    : // TCG: the most capable model QEMU emulates (-cpu max), as the QEMU driver uses.
      { '@_mode': 'maximum', '@_migratable': 'on' };
}

/** The domain as a JS tree, ready for the builder. */
export function domainTree(plan: DomainPlan): Node {
  return {
    domain: {
      '@_type': plan.type,
      '@_xmlns:qemu': QEMU_NAMESPACE,
      name: plan.name,
      uuid: plan.uuid,
      title: plan.title,
      description: plan.description,
      memory: { '@_unit': 'KiB', '#text': String(plan.memoryKiB) },
      currentMemory: { '@_unit': 'KiB', '#text': String(plan.memoryKiB) },
      vcpu: String(plan.cpus),
      os: osNode(plan),
      features: { acpi: '', ...(plan.arch === 'x86_64' ? { apic: '' } : {}) },
      cpu: cpuNode(plan.type),
      on_poweroff: 'destroy',
      on_reboot: 'restart',
      on_crash: 'destroy',
      devices: devicesNode(plan),
      'qemu:commandline': qemuArgs(plan),
    },
  };
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  suppressEmptyNode: true,
});

/** The domain XML for `plan`. */
export function buildDomainXml(plan: DomainPlan): string {
  return builder.build(domainTree(plan)) as string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => name === 'qemu:arg',
});

/** The loopback SSH port Berth put into a domain's XML, or null. */
export function sshPortOf(xml: string): number | null {
  const tree = parser.parse(xml) as {
    domain?: { 'qemu:commandline'?: { 'qemu:arg'?: { '@_value'?: string }[] } };
  };
  const args = tree.domain?.['qemu:commandline']?.['qemu:arg'] ?? [];
  for (const arg of args) {
    const port = /hostfwd=tcp:127\.0\.0\.1:(\d+)-:22/.exec(arg['@_value'] ?? '')?.[1];
    if (port) return Number(port);
  }
  return null;
}
