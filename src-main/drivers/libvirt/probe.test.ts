import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDominfo } from './domain-state';
import { domainNameOf, domainUuidOf } from './identity';
import { NAT_INACTIVE_WARNING, parseLeaseAddresses } from './nat-network';
import { explainConnectFailure, isRemoteUri, parseDaemonVersion, probeLibvirt } from './probe';

describe('libvirt probe', () => {
  it('says when the daemon is not running, with how to start it', () => {
    const stderr =
      "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/run/" +
      "libvirt/libvirt-sock': No such file or directory";
    const { reason, fix } = explainConnectFailure(stderr, 'qemu:///system');
    expect(reason).toBe('The libvirt daemon is not running (qemu:///system does not answer)');
    expect(fix).toContain('systemctl start libvirtd');
    expect(fix).toContain('scripts/services/libvirt.sh start');
  });

  it('says when this user may not connect, with the group or session fix', () => {
    const stderr =
      "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/run/" +
      "libvirt/libvirt-sock': Permission denied";
    const { reason, fix } = explainConnectFailure(stderr, 'qemu:///system');
    expect(reason).toBe('No permission to use qemu:///system');
    expect(fix).toContain('usermod -aG libvirt');
    expect(fix).toContain('qemu:///session');
  });

  it('passes other failures on with the URI', () => {
    const { reason } = explainConnectFailure('error: unsupported URI', 'qemu+ssh://h/system');
    expect(reason).toContain('qemu+ssh://h/system');
    expect(reason).toContain('unsupported URI');
  });

  it('says when libvirt is not installed', async () => {
    const result = await probeLibvirt({ uri: () => 'qemu:///system', pathEnv: '/nonexistent' });
    expect(result.tools).toBeNull();
    expect(result.probe).toMatchObject({ available: false, version: null });
    expect(result.probe.reason).toContain('libvirt is not installed');
    expect(result.probe.fix).toContain('apt install libvirt-daemon-system');
  });

  it('reads the daemon version', () => {
    const output =
      'Compiled against library: libvirt 9.0.0\nUsing library: libvirt 9.0.0\n' +
      'Running hypervisor: QEMU 7.2.22\nRunning against daemon: 9.0.0\n';
    expect(parseDaemonVersion(output)).toBe('9.0.0');
    expect(parseDaemonVersion('nothing')).toBeNull();
  });

  it('tells remote URIs from local ones', () => {
    expect(isRemoteUri('qemu+ssh://host/system')).toBe(true);
    expect(isRemoteUri('qemu:///system')).toBe(false);
    expect(isRemoteUri('qemu:///session')).toBe(false);
  });
});

describe('libvirt probe with a fake virsh', () => {
  let dir: string;
  const cpuinfo = (flags: string) => join(dir, `cpuinfo-${flags}`);
  const netInfo = (active: 'yes' | 'no') =>
    `Name:           default\nActive:         ${active}\nBridge:         virbr0\n`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-virsh-'));
    // Answers `version --daemon`, `capabilities` (listing both domain types) and `net-info`
    // (from the file net-info beside it) like libvirt 9.
    const script = [
      '#!/bin/sh',
      'case "$3" in',
      '  version) echo "Running against daemon: 9.0.0" ;;',
      `  capabilities) echo "<domain type='qemu'/><domain type='kvm'/>" ;;`,
      '  net-info) cat "$(dirname "$0")/net-info" ;;',
      'esac',
    ].join('\n');
    await writeFile(join(dir, 'virsh'), `${script}\n`);
    await chmod(join(dir, 'virsh'), 0o755);
    await writeFile(join(dir, 'kvm'), '');
    await writeFile(join(dir, 'net-info'), netInfo('yes'));
    await writeFile(cpuinfo('vmx'), 'flags\t\t: fpu vme vmx sse\n');
    await writeFile(cpuinfo('none'), 'flags\t\t: fpu vme sse\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const probe = (cpuinfoPath: string, uri = 'qemu:///system') =>
    probeLibvirt({ uri: () => uri, pathEnv: dir, kvmDevice: join(dir, 'kvm'), cpuinfoPath });

  it('defines kvm domains when KVM really works here', async () => {
    const result = await probe(cpuinfo('vmx'));
    expect(result.probe).toMatchObject({ available: true, version: '9.0.0', acceleration: 'kvm' });
    expect(result.probe.warnings).toEqual([]);
    expect(result.tools?.domainType).toBe('kvm');
  });

  it('falls back to emulated domains, saying why, when /dev/kvm cannot run guests', async () => {
    const result = await probe(cpuinfo('none'));
    expect(result.probe.acceleration).toBe('tcg');
    expect(result.probe.warnings[0]).toContain('no vmx/svm');
    expect(result.tools?.domainType).toBe('qemu');
  });

  it('warns when the NAT network is not active, with the command that starts it', async () => {
    await writeFile(join(dir, 'net-info'), netInfo('no'));
    const result = await probe(cpuinfo('vmx'));
    await writeFile(join(dir, 'net-info'), netInfo('yes'));
    expect(result.probe.available).toBe(true);
    expect(result.probe.warnings).toEqual([NAT_INACTIVE_WARNING]);
    expect(NAT_INACTIVE_WARNING).toContain('virsh net-start default');
  });

  it('trusts the remote daemon about KVM on a remote URI', async () => {
    const result = await probe(cpuinfo('none'), 'qemu+ssh://host/system');
    expect(result.tools?.domainType).toBe('kvm');
  });
});

describe('NAT leases', () => {
  it('reads the IPv4 addresses of virsh domifaddr --source lease', () => {
    const output =
      ' Name       MAC address          Protocol     Address\n' +
      '-------------------------------------------------------------------------------\n' +
      ' vnet3      52:54:00:92:34:57    ipv4         192.168.122.87/24\n';
    expect(parseLeaseAddresses(output)).toEqual(['192.168.122.87']);
    expect(parseLeaseAddresses('')).toEqual([]);
  });
});

describe('domain identity and state', () => {
  it('names domains after the instance and its folder, stably', () => {
    const name = domainNameOf('web', '/a/instances/web');
    expect(name).toMatch(/^berth-web-[0-9a-f]{8}$/);
    expect(domainNameOf('web', '/a/instances/web')).toBe(name);
    expect(domainNameOf('web', '/b/instances/web')).not.toBe(name);
    expect(domainUuidOf('/a/instances/web')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('reads running, paused, stopped and managed-saved from dominfo', () => {
    const info = (state: string, saved: string) =>
      `Id: 3\nName: web\nState:          ${state}\nManaged save:   ${saved}\n`;
    expect(parseDominfo(info('running', 'no'))).toBe('running');
    expect(parseDominfo(info('paused', 'no'))).toBe('paused');
    expect(parseDominfo(info('shut off', 'no'))).toBe('stopped');
    expect(parseDominfo(info('shut off', 'yes'))).toBe('suspended');
  });
});
