/**
 * The QEMU driver against real QEMU (TCG here) and the tiny test guest: boot to SSH, events,
 * suspend/resume with memory intact, detach/attach, power-off, snapshots, external kill.
 * Skips with the reason printed when QEMU or the guest is missing, except in CI, where it fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../core/logger';
import { generateSshKeyPair } from '../../ssh/keys';
import { waitForSsh } from '../../ssh/wait-for-ssh';
import type { Driver, DriverContext } from '../driver';
import { EventLog, missingTool, sshInGuest } from '../testing/real-driver-kit';
import { isAlive } from './host-process';
import { instanceFiles, SUSPEND_TAG } from './instance-files';
import { createQemuDriver } from './qemu-driver';
import { snapshotTags } from './qemu-img';
import { readRuntime } from './runtime';

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
  const tool = missingTool(['qemu-system-x86_64', 'qemu-img', 'genisoimage']);
  if (tool) return tool;
  const absent = Object.values(guest).filter((file) => !existsSync(file));
  return absent.length > 0 ? `tiny guest not built (npm run guests): ${absent.join(', ')}` : null;
}

const reason = missingPrerequisite();
const skip = reason !== null && process.env.CI !== 'true';
if (skip) process.stderr.write(`[qemu driver] skipping real-QEMU tests: ${reason}\n`);

function timing(label: string, ms: number): void {
  process.stderr.write(`[qemu driver] ${label}: ${ms} ms\n`);
}

describe.skipIf(skip)(`QEMU driver on real QEMU ${reason ?? ''}`, () => {
  const logSink = memorySink();
  const keys = generateSshKeyPair('berth-test');
  let root: string;
  let driver: Driver;
  let ctx: DriverContext;
  let log: EventLog;

  const newContext = (dir: string, events: EventLog): DriverContext => ({
    spec: {
      name: 'web',
      cpus: 1,
      memoryBytes: 256 * MiB,
      diskBytes: 128 * MiB,
      bootKind: 'kernel',
      macAddress: '52:54:00:12:34:56',
      cmdline: readFileSync(guest.cmdline, 'utf8').trim(),
    },
    dir,
    log: createLogger(logSink, 'debug', 'driver').child('qemu'),
    onEvent: events.onEvent,
  });

  const ssh = (command: string): Promise<string> =>
    sshInGuest(driver, ctx, keys.privateKey, command, 10_000);

  /** Starts the instance and returns milliseconds until `echo hi` ran over SSH. */
  const startToSsh = async (): Promise<number> => {
    const began = Date.now();
    const from = log.events.length;
    await driver.start(ctx, new AbortController().signal);
    expect(log.kinds(from)).toEqual(['running']);
    const endpoint = await driver.sshEndpoint(ctx);
    if (!endpoint) throw new Error('no SSH endpoint after start');
    await waitForSsh(endpoint, 'ubuntu', keys.privateKey, { timeoutMs: 90_000 });
    expect(await ssh('echo hi')).toBe('hi');
    return Date.now() - began;
  };

  const powerOff = async (): Promise<void> => {
    const from = log.events.length;
    expect(await driver.shutdown(ctx, 60_000, new AbortController().signal)).toBe(true);
    await log.next('exited', from);
    expect(log.events.slice(from)).toEqual([
      { kind: 'shutdown', detail: 'guest-shutdown' },
      { kind: 'exited', detail: 'after shutdown (guest-shutdown)' },
    ]);
  };

  beforeAll(async () => {
    if (reason) throw new Error(`CI cannot skip the real-QEMU driver tests: ${reason}`);
    root = await mkdtemp(join(tmpdir(), 'berth-qemu-it-'));
    // Deep enough that the monitor socket cannot live in the instance folder.
    const dir = join(root, 'data', 'scopes', 'qemu', 'instances', 'a-rather-long-name-'.repeat(3));
    await mkdir(dir, { recursive: true });
    driver = createQemuDriver({ runtimeRoot: join(root, 'run') });
    log = new EventLog();
    ctx = newContext(dir, log);

    const seed = join(root, 'seed');
    await mkdir(seed);
    await writeFile(join(seed, 'meta-data'), 'instance-id: it-web\nlocal-hostname: web\n');
    await writeFile(join(seed, 'user-data'), '#cloud-config\n{}\n');
    const vendor = `#cloud-config\nssh_authorized_keys:\n  - ${keys.publicKey}\n`;
    await writeFile(join(seed, 'vendor-data'), vendor);
    const files = ['meta-data', 'user-data', 'vendor-data'].map((name) => join(seed, name));
    const iso = join(root, 'seed.iso');
    await execa('genisoimage', [
      '-quiet',
      '-volid',
      'cidata',
      '-joliet',
      '-rock',
      '-o',
      iso,
      ...files,
    ]);

    const steps: string[] = [];
    const source = { disk: guest.disk, kernel: guest.kernel, initrd: guest.initrd };
    await driver.create(ctx, source, iso, (step) => steps.push(step), new AbortController().signal);
    expect(steps).toContain('preparing-disk');
  });

  afterAll(async () => {
    if (!driver || !ctx) return;
    await driver.destroy(ctx).catch(() => undefined);
    // Belt and braces: never leave a QEMU behind, whatever state the tests ended in.
    const runtime = await readRuntime(ctx.dir);
    if (runtime && (await isAlive(runtime.pid))) process.kill(runtime.pid, 'SIGKILL');
    if (process.env.BERTH_TEST_VERBOSE) process.stderr.write(`${logSink.lines.join('\n')}\n`);
    await rm(root, { recursive: true, force: true });
  });

  it('probes QEMU as available', async () => {
    const probe = await driver.probe();
    expect(probe).toMatchObject({ available: true, reason: null });
    expect(['kvm', 'tcg']).toContain(probe.acceleration);
  });

  it('creates a standalone disk of the requested size and sees the instance stopped', async () => {
    const files = instanceFiles(ctx.dir);
    const info = await execa('qemu-img', ['info', '--output=json', files.disk]);
    const parsed = JSON.parse(info.stdout) as {
      'virtual-size': number;
      'backing-filename'?: string;
    };
    expect(parsed['virtual-size']).toBe(128 * MiB);
    expect(parsed['backing-filename']).toBeUndefined();
    expect(existsSync(files.kernel) && existsSync(files.initrd) && existsSync(files.seedIso)).toBe(
      true,
    );
    expect(await driver.attach(ctx)).toBe('stopped');
    expect(await driver.sshEndpoint(ctx)).toBeNull();
  });

  it('leaves no files behind when creating is aborted', async () => {
    const dir = join(root, 'aborted');
    await mkdir(dir);
    const aborted = AbortSignal.abort();
    const source = { disk: guest.disk, kernel: guest.kernel, initrd: guest.initrd };
    const iso = instanceFiles(ctx.dir).seedIso;

    const creating = driver.create(newContext(dir, new EventLog()), source, iso, () => {}, aborted);
    await expect(creating).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await readdir(dir)).toEqual([]);
  });

  it("explains a failed start with the end of QEMU's own error output", async () => {
    const dir = join(root, 'broken');
    await mkdir(dir);
    await writeFile(instanceFiles(dir).disk, 'not a disk image');
    const broken = newContext(dir, new EventLog());

    const starting = driver.start(broken, new AbortController().signal);
    await expect(starting).rejects.toMatchObject({
      code: 'HYPERVISOR_ERROR',
      details: [expect.stringContaining('disk.qcow2')],
    });
    expect(await driver.attach(broken)).toBe('stopped');
  });

  it('boots the guest to SSH and reports it running', async () => {
    const ms = await startToSsh();
    timing('start to SSH', ms);
    expect(await driver.attach(ctx)).toBe('running');
    expect((await readFile(driver.consoleLogPath(ctx), 'utf8')).length).toBeGreaterThan(0);
  }, 120_000);

  it('suspends and resumes with memory and uptime intact', async () => {
    await ssh('echo in-memory > /tmp/ram-marker && echo on-disk > /data/marker && sync');
    const uptimeBefore = Number((await ssh('cut -d" " -f1 /proc/uptime')).split(' ')[0]);

    let began = Date.now();
    const from = log.events.length;
    await driver.suspend(ctx, new AbortController().signal);
    timing('suspend (stop + savevm + quit)', Date.now() - began);
    expect(log.kinds(from)).toEqual(['paused', 'shutdown', 'exited']);
    expect(await driver.attach(ctx)).toBe('suspended');
    expect(await snapshotTags('qemu-img', instanceFiles(ctx.dir).disk)).toContain(SUSPEND_TAG);

    began = Date.now();
    const resumedFrom = log.events.length;
    await driver.start(ctx, new AbortController().signal);
    expect(log.kinds(resumedFrom)).toEqual(['running']);
    const endpoint = await driver.sshEndpoint(ctx);
    if (!endpoint) throw new Error('no SSH endpoint after resume');
    await waitForSsh(endpoint, 'ubuntu', keys.privateKey, { timeoutMs: 60_000 });
    timing('loadvm to SSH', Date.now() - began);

    expect(await ssh('cat /tmp/ram-marker')).toBe('in-memory');
    const uptimeAfter = Number((await ssh('cut -d" " -f1 /proc/uptime')).split(' ')[0]);
    expect(uptimeAfter).toBeGreaterThanOrEqual(uptimeBefore);
    expect(await driver.attach(ctx)).toBe('running');
    expect(await snapshotTags('qemu-img', instanceFiles(ctx.dir).disk)).not.toContain(SUSPEND_TAG);
  }, 120_000);

  it('re-attaches to a running VM after detaching, and its events still flow', async () => {
    driver.detach(ctx);
    expect(await ssh('echo still-here')).toBe('still-here');

    log = new EventLog();
    ctx = newContext(ctx.dir, log);
    expect(await driver.attach(ctx)).toBe('running');
    expect(log.events).toEqual([]);

    const began = Date.now();
    await powerOff();
    timing('system_powerdown to exited', Date.now() - began);
    expect(existsSync(instanceFiles(ctx.dir).runtime)).toBe(false);
    expect(await driver.attach(ctx)).toBe('stopped');
  }, 120_000);

  it('takes and restores a snapshot of the stopped disk', async () => {
    await driver.snapshots?.take(ctx, 'first');

    timing('start to SSH (second boot)', await startToSsh());
    expect(await ssh('cat /data/marker')).toBe('on-disk');
    await expect(driver.snapshots?.take(ctx, 'while-running')).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    await ssh('echo changed > /data/marker && sync');
    await powerOff();

    await driver.snapshots?.restore(ctx, 'first');
    await startToSsh();
    expect(await ssh('cat /data/marker')).toBe('on-disk');
  }, 180_000);

  it('reports an external kill -9 of QEMU as exited within a second', async () => {
    const runtime = await readRuntime(ctx.dir);
    if (!runtime) throw new Error('no runtime record while running');
    const from = log.events.length;

    const began = Date.now();
    process.kill(runtime.pid, 'SIGKILL');
    await log.next('exited', from, 5_000);
    const ms = Date.now() - began;
    timing('kill -9 to exited event', ms);

    expect(ms).toBeLessThan(1_000);
    expect(log.events.at(-1)?.detail).toMatch(/killed or crashed/);
    expect(await driver.attach(ctx)).toBe('stopped');
  }, 30_000);

  it('discards a suspended state when killed', async () => {
    await startToSsh();
    await driver.suspend(ctx, new AbortController().signal);
    expect(await driver.attach(ctx)).toBe('suspended');

    await driver.kill(ctx);
    expect(await driver.attach(ctx)).toBe('stopped');
    expect(await snapshotTags('qemu-img', instanceFiles(ctx.dir).disk)).not.toContain(SUSPEND_TAG);
    await driver.snapshots?.delete(ctx, 'first');
    expect(await snapshotTags('qemu-img', instanceFiles(ctx.dir).disk)).toEqual([]);
  }, 120_000);
});
