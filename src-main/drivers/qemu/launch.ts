/**
 * Boots an instance, or resumes it from its saved memory: spawns a daemonized QEMU with its
 * CPUs held, connects to its monitor, records the runtime, and lets the CPUs run.
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { execa } from 'execa';
import { BerthError } from '../../../src-shared/errors';
import type { DriverContext } from '../driver';
import { type BootPlan, buildQemuArgv } from './argv';
import { cancelled, hypervisorError, isPortInUse } from './errors';
import { freeLoopbackPort, isOurQemu, readPidFile } from './host-process';
import { readInstanceConfig } from './instance-config';
import { instanceFiles, qmpSocketPath } from './instance-files';
import { NO_FIRMWARE_WARNING, type QemuTools } from './probe';
import { snapshotTags } from './qemu-img';
import { QmpClient } from './qmp-client';
import { clearRuntimeSync, clearSuspendMarker, readSuspendMarker, writeRuntime } from './runtime';
import { QemuSession } from './session';

const PORT_ATTEMPTS = 3;
const MIB = 1024 * 1024;

/** What a launch needs besides the instance. */
export interface LaunchOptions {
  tools: QemuTools;
  /** Folder for monitor sockets whose path inside the instance folder is too long. */
  runtimeRoot?: string;
  /** Called when the session's QEMU exits. */
  onGone(session: QemuSession): void;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** The snapshot tag to resume from, or null; a marker whose tag is gone is dropped. */
async function resumeTagOf(ctx: DriverContext, tools: QemuTools): Promise<string | null> {
  const marker = await readSuspendMarker(ctx.dir);
  if (!marker) return null;
  const tags = await snapshotTags(tools.qemuImg, instanceFiles(ctx.dir).disk);
  if (tags.includes(marker.tag)) return marker.tag;
  ctx.log.warn('suspend marker without its saved state; booting afresh', {
    instance: ctx.spec.name,
    tag: marker.tag,
  });
  await clearSuspendMarker(ctx.dir);
  return null;
}

async function bootPlanOf(ctx: DriverContext, tools: QemuTools): Promise<BootPlan> {
  if (ctx.spec.bootKind === 'kernel') return { kind: 'kernel', cmdline: ctx.spec.cmdline ?? '' };
  const firmware = (await readInstanceConfig(ctx.dir))?.firmware ?? tools.firmware;
  if (!firmware) throw new BerthError('UNSUPPORTED', NO_FIRMWARE_WARNING);
  return { kind: 'disk', firmware };
}

/** Spawns QEMU until it gets a free SSH port; returns the port it got. */
async function spawnQemu(
  ctx: DriverContext,
  tools: QemuTools,
  argvFor: (sshPort: number) => string[],
  signal: AbortSignal,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const sshPort = await freeLoopbackPort();
    // The parent exits once the VM is set up; errors up to then arrive on its stderr.
    const result = await execa(tools.qemuSystem, argvFor(sshPort), {
      reject: false,
      stdin: 'ignore',
      cancelSignal: signal,
    });
    if (result.isCanceled) throw cancelled('Starting the instance');
    if (result.exitCode === 0) return sshPort;
    if (!isPortInUse(result.stderr) || attempt >= PORT_ATTEMPTS) {
      throw hypervisorError(`QEMU failed to start ${ctx.spec.name}`, result.stderr);
    }
    ctx.log.warn('SSH port was taken before QEMU bound it; retrying', { port: sshPort });
  }
}

/** Ends a QEMU that started but could not be brought up, so no orphan is left running. */
async function abandon(ctx: DriverContext, qmp: QmpClient | null, socket: string): Promise<void> {
  const files = instanceFiles(ctx.dir);
  const pid = await readPidFile(files.pidFile);
  if (qmp && !qmp.closed) await qmp.execute('quit').catch(() => undefined);
  if (pid && (await isOurQemu(pid, files.pidFile))) process.kill(pid, 'SIGKILL');
  qmp?.close();
  clearRuntimeSync(ctx.dir, socket);
}

async function resumeFinished(ctx: DriverContext, qmp: QmpClient, tag: string): Promise<void> {
  // Deleted now so that a later start boots the disk instead of resuming this state twice.
  // The marker goes either way: without it no start resumes, and kill removes a leftover tag.
  const instance = ctx.spec.name;
  try {
    const output = (await qmp.human(`delvm ${tag}`, 60_000)).trim();
    if (output) ctx.log.warn('could not delete the resumed state', { instance, output });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.warn('could not delete the resumed state', { instance, message });
  }
  await clearSuspendMarker(ctx.dir);
  // Known limitation: the guest clock resumes from the moment of the save; without a guest
  // agent the driver cannot step it, so the guest's own NTP (if any) has to correct it.
  ctx.log.info('resumed from saved memory', { instance });
}

/** What one launch decided before spawning QEMU. */
interface Launch {
  argvFor(sshPort: number): string[];
  qmpSocket: string;
  resumeTag: string | null;
}

async function planLaunch(ctx: DriverContext, options: LaunchOptions): Promise<Launch> {
  const { tools } = options;
  const files = instanceFiles(ctx.dir);
  const resumeTag = await resumeTagOf(ctx, tools);
  const boot = await bootPlanOf(ctx, tools);
  const withSeed = await exists(files.seedIso);
  const qmpSocket = qmpSocketPath(ctx.dir, options.runtimeRoot);
  await mkdir(dirname(qmpSocket), { recursive: true, mode: 0o700 });
  clearRuntimeSync(ctx.dir, qmpSocket);

  const argvFor = (sshPort: number): string[] =>
    buildQemuArgv({
      arch: tools.arch,
      accel: tools.accel,
      name: ctx.spec.name,
      cpus: ctx.spec.cpus,
      macAddress: ctx.spec.macAddress,
      memoryMiB: Math.ceil(ctx.spec.memoryBytes / MIB),
      files,
      qmpSocket,
      sshPort,
      boot,
      withSeed,
      resumeTag,
    });
  return { argvFor, qmpSocket, resumeTag };
}

/** Connects to a freshly spawned QEMU, records it, and lets its CPUs run. */
async function bringUp(
  ctx: DriverContext,
  options: LaunchOptions,
  launch: Launch & { sshPort: number },
  signal: AbortSignal,
): Promise<QemuSession> {
  const { qmpSocket, sshPort, resumeTag } = launch;
  let qmp: QmpClient | null = null;
  try {
    const pid = await readPidFile(instanceFiles(ctx.dir).pidFile);
    if (!pid) throw new BerthError('HYPERVISOR_ERROR', 'QEMU started but wrote no pidfile');
    qmp = await QmpClient.connect(qmpSocket);
    const runtime = { pid, sshPort, qmpSocket, startedAt: new Date().toISOString() };
    await writeRuntime(ctx.dir, runtime);
    const session = new QemuSession(ctx, qmp, runtime, options.onGone);
    if (signal.aborted) throw cancelled('Starting the instance');

    await qmp.execute('cont');
    if ((await session.queryRunState()) !== 'running') {
      throw new BerthError('HYPERVISOR_ERROR', 'QEMU did not start the CPUs');
    }
    if (resumeTag) await resumeFinished(ctx, qmp, resumeTag);
    ctx.log.info('QEMU running', { instance: ctx.spec.name, pid, sshPort });
    return session;
  } catch (error) {
    await abandon(ctx, qmp, qmpSocket);
    throw error;
  }
}

/** Boots or resumes the instance; resolves with its session once its CPUs run. */
export async function launchInstance(
  ctx: DriverContext,
  options: LaunchOptions,
  signal: AbortSignal,
): Promise<QemuSession> {
  const launch = await planLaunch(ctx, options);
  ctx.log.info(launch.resumeTag ? 'resuming QEMU' : 'starting QEMU', {
    instance: ctx.spec.name,
    accel: options.tools.accel,
  });
  const sshPort = await spawnQemu(ctx, options.tools, launch.argvFor, signal);
  return bringUp(ctx, options, { ...launch, sshPort }, signal);
}
