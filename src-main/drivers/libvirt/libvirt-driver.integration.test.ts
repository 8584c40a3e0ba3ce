/**
 * The libvirt driver against the real daemon (qemu:///system, TCG here) and the tiny test
 * guest: boot to SSH, managed save with memory intact, ACPI power-off and a second boot with
 * the disk intact, an external kill of the domain's QEMU seen through events, undefine.
 * Skips with the reason printed when libvirt, QEMU or the guest is missing, except in CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa, execaSync } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natMacAddress } from '../../cloud-init/seed-documents';
import { createLogger, memorySink } from '../../core/logger';
import { generateSshKeyPair } from '../../ssh/keys';
import { waitForSsh } from '../../ssh/wait-for-ssh';
import type { Driver, DriverContext } from '../driver';
import { EventLog, missingTool, sshInGuest } from '../testing/real-driver-kit';
import { domainNameOf, libvirtFiles } from './identity';
import { createLibvirtDriver } from './libvirt-driver';

const URI = 'qemu:///system';
const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const guestDir = join(process.env.BERTH_GUESTS_DIR ?? join(repoRoot, '.cache', 'guests'), 'tiny');
const guest = {
  disk: join(guestDir, 'disk.qcow2'),
  kernel: join(guestDir, 'vmlinuz'),
  initrd: join(guestDir, 'initrd.img'),
  cmdline: join(guestDir, 'cmdline'),
};
const MiB = 1024 * 1024;

function missingPrerequisite(): string | null {
  const tool = missingTool(['virsh', 'qemu-system-x86_64', 'qemu-img', 'genisoimage']);
  if (tool) return tool;
  const daemon = execaSync('virsh', ['-c', URI, 'version', '--daemon'], { reject: false });
  if (daemon.exitCode !== 0) {
    return `libvirtd does not answer on ${URI} (scripts/services/libvirt.sh start)`;
  }
  const absent = Object.values(guest).filter((file) => !existsSync(file));
  return absent.length > 0 ? `tiny guest not built (npm run guests): ${absent.join(', ')}` : null;
}

const reason = missingPrerequisite();
const skip = reason !== null && process.env.CI !== 'true';
if (skip) process.stderr.write(`[libvirt driver] skipping real-libvirt tests: ${reason}\n`);

function timing(label: string, ms: number): void {
  process.stderr.write(`[libvirt driver] ${label}: ${ms} ms\n`);
}

async function virsh(...args: string[]): Promise<string> {
  return (await execa('virsh', ['-c', URI, ...args])).stdout.trim();
}

describe.skipIf(skip)(`libvirt driver on a real daemon ${reason ?? ''}`, () => {
  const logSink = memorySink();
  const keys = generateSshKeyPair('berth-test');
  let root: string;
  let driver: Driver;
  let ctx: DriverContext;
  let log: EventLog;
  let domain: string;

  const ssh = (command: string): Promise<string> =>
    sshInGuest(driver, ctx, keys.privateKey, command, 15_000);

  /** Starts the instance and returns milliseconds until `echo hi` ran over SSH. */
  const startToSsh = async (): Promise<number> => {
    const began = Date.now();
    const from = log.events.length;
    await driver.start(ctx, new AbortController().signal);
    await log.next('running', from, 10_000);
    const endpoint = await driver.sshEndpoint(ctx);
    if (!endpoint) throw new Error('no SSH endpoint after start');
    expect(endpoint.host).toBe('127.0.0.1');
    await waitForSsh(endpoint, 'ubuntu', keys.privateKey, { timeoutMs: 120_000 });
    expect(await ssh('echo hi')).toBe('hi');
    return Date.now() - began;
  };

  beforeAll(async () => {
    if (reason) throw new Error(`CI cannot skip the real-libvirt driver tests: ${reason}`);
    root = await mkdtemp(join(tmpdir(), 'berth-libvirt-it-'));
    const dir = join(root, 'data', 'scopes', 'qemu', 'instances', 'web');
    await mkdir(dir, { recursive: true });
    driver = createLibvirtDriver({ uri: () => URI });
    log = new EventLog();
    ctx = {
      spec: {
        name: 'web',
        cpus: 1,
        memoryBytes: 256 * MiB,
        diskBytes: 128 * MiB,
        bootKind: 'kernel',
        macAddress: '52:54:00:12:34:57',
        cmdline: readFileSync(guest.cmdline, 'utf8').trim(),
      },
      dir,
      log: createLogger(logSink, 'debug', 'driver').child('libvirt'),
      onEvent: log.onEvent,
    };
    domain = domainNameOf('web', dir);

    const seed = join(root, 'seed');
    await mkdir(seed);
    await writeFile(join(seed, 'meta-data'), 'instance-id: it-web\nlocal-hostname: web\n');
    await writeFile(join(seed, 'user-data'), '#cloud-config\n{}\n');
    const vendor = `#cloud-config\nssh_authorized_keys:\n  - ${keys.publicKey}\n`;
    await writeFile(join(seed, 'vendor-data'), vendor);
    const files = ['meta-data', 'user-data', 'vendor-data'].map((name) => join(seed, name));
    const iso = join(root, 'seed.iso');
    const isoArgs = ['-quiet', '-volid', 'cidata', '-joliet', '-rock', '-o', iso, ...files];
    await execa('genisoimage', isoArgs);

    const source = { disk: guest.disk, kernel: guest.kernel, initrd: guest.initrd };
    await driver.create(ctx, source, iso, () => undefined, new AbortController().signal);
  });

  afterAll(async () => {
    if (!driver || !ctx) return;
    await driver.destroy(ctx).catch(() => undefined);
    driver.detach(ctx);
    // Belt and braces: never leave a domain behind, whatever state the tests ended in.
    await execa('virsh', ['-c', URI, 'destroy', domain], { reject: false });
    const undefine = ['-c', URI, 'undefine', domain, '--managed-save', '--nvram'];
    await execa('virsh', undefine, { reject: false });
    if (process.env.BERTH_TEST_VERBOSE) process.stderr.write(`${logSink.lines.join('\n')}\n`);
    await rm(root, { recursive: true, force: true });
  });

  it('probes the daemon as available with its version', async () => {
    const probe = await driver.probe();
    expect(probe).toMatchObject({ available: true, reason: null });
    expect(probe.version).toMatch(/^\d+\.\d+/);
    expect(['kvm', 'tcg']).toContain(probe.acceleration);
  });

  it('sees a created instance as stopped before any domain exists', async () => {
    expect(await driver.attach(ctx)).toBe('stopped');
    expect(await driver.sshEndpoint(ctx)).toBeNull();
    const listed = await virsh('list', '--all', '--name');
    expect(listed.split('\n')).not.toContain(domain);
  });

  it('defines the domain on start and boots the guest to SSH over loopback', async () => {
    timing('define + start to SSH', await startToSsh());
    expect(await driver.attach(ctx)).toBe('running');
    expect(await virsh('domstate', domain)).toBe('running');
    const xml = await virsh('dumpxml', domain);
    expect(xml).toContain('<title>web</title>');
    expect((await readFile(driver.consoleLogPath(ctx), 'utf8')).length).toBeGreaterThan(0);
  }, 180_000);

  it('puts a NIC on the NAT network and reports its DHCP lease', async () => {
    const xml = await virsh('dumpxml', domain);
    expect(xml).toContain("<source network='default'");
    expect(xml).toContain(natMacAddress(ctx.spec.macAddress));
    const leased = await driver.addresses?.(ctx);
    expect(leased).toHaveLength(1);
    // The guest holds the same address: read over the loopback SSH forward, never dialled.
    const inGuest = await ssh('ip -4 -o addr show');
    expect(inGuest).toContain(`inet ${leased?.[0]}/`);
  });

  it('suspends by managed save and resumes with memory intact', async () => {
    await ssh('echo in-memory > /tmp/ram-marker && echo on-disk > /data/marker && sync');
    const uptimeBefore = Number((await ssh('cut -d" " -f1 /proc/uptime')).split(' ')[0]);

    let began = Date.now();
    const from = log.events.length;
    await driver.suspend(ctx, new AbortController().signal);
    timing('managedsave', Date.now() - began);
    await log.next('exited', from, 10_000);
    expect(await driver.attach(ctx)).toBe('suspended');
    expect(await driver.sshEndpoint(ctx)).toBeNull();

    began = Date.now();
    const resumedFrom = log.events.length;
    await driver.start(ctx, new AbortController().signal);
    await log.next('running', resumedFrom, 10_000);
    const endpoint = await driver.sshEndpoint(ctx);
    if (!endpoint) throw new Error('no SSH endpoint after resume');
    await waitForSsh(endpoint, 'ubuntu', keys.privateKey, { timeoutMs: 60_000 });
    timing('start after managedsave to SSH', Date.now() - began);

    expect(await ssh('cat /tmp/ram-marker')).toBe('in-memory');
    const uptimeAfter = Number((await ssh('cut -d" " -f1 /proc/uptime')).split(' ')[0]);
    expect(uptimeAfter).toBeGreaterThanOrEqual(uptimeBefore);
    expect(await driver.attach(ctx)).toBe('running');
  }, 180_000);

  it('powers off through ACPI, then boots again with its disk intact', async () => {
    let began = Date.now();
    const from = log.events.length;
    expect(await driver.shutdown(ctx, 60_000, new AbortController().signal)).toBe(true);
    timing('ACPI shutdown to exited', Date.now() - began);
    expect(log.kinds(from)).toContain('exited');
    expect(await driver.attach(ctx)).toBe('stopped');

    began = Date.now();
    timing('second boot to SSH', await startToSsh());
    expect(await ssh('cat /data/marker')).toBe('on-disk');
    expect(await ssh('cat /tmp/ram-marker 2>/dev/null || echo gone')).toBe('gone');
  }, 240_000);

  it('reports an external kill -9 of the domain QEMU as exited', async () => {
    const pidFile = `/run/libvirt/qemu/${domain}.pid`;
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    const from = log.events.length;

    const began = Date.now();
    process.kill(pid, 'SIGKILL');
    await log.next('exited', from, 10_000);
    timing('kill -9 to exited event', Date.now() - began);
    expect(await driver.attach(ctx)).toBe('stopped');
    expect(await driver.sshEndpoint(ctx)).toBeNull();
  }, 30_000);

  it('never resumes a managed save an earlier instance of the same folder left', async () => {
    await startToSsh();
    await ssh('echo old-memory > /tmp/ram-marker');
    await driver.suspend(ctx, new AbortController().signal);
    // As if the instance was purged under the QEMU driver and launched again in this folder.
    await rm(libvirtFiles(ctx.dir).savedMarker);
    expect(await driver.attach(ctx)).toBe('stopped');

    await startToSsh();
    expect(await ssh('cat /tmp/ram-marker 2>/dev/null || echo gone')).toBe('gone');
  }, 240_000);

  it('undefines the domain, managed save included, on destroy', async () => {
    await driver.suspend(ctx, new AbortController().signal);
    expect(await driver.attach(ctx)).toBe('suspended');

    await driver.kill(ctx);
    expect(await driver.attach(ctx)).toBe('stopped');
    await driver.destroy(ctx);
    const listed = await virsh('list', '--all', '--name');
    expect(listed.split('\n')).not.toContain(domain);
  }, 180_000);
});
