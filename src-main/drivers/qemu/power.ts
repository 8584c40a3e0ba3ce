/** Ending and saving a running QEMU: guest power-off, immediate kill, and suspend to disk. */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { BerthError } from '../../../src-shared/errors';
import type { DriverContext } from '../driver';
import { cancelled, hypervisorError } from './errors';
import { isOurQemu, readPidFile, waitForPidExit } from './host-process';
import { instanceFiles, qmpSocketPath, SUSPEND_TAG } from './instance-files';
import type { QemuTools } from './probe';
import { snapshotOp, snapshotTags } from './qemu-img';
import { clearRuntimeSync, clearSuspendMarker, readRuntime, writeSuspendMarker } from './runtime';
import type { QemuSession } from './session';

const QUIT_GRACE_MS = 5_000;
const KILL_WAIT_MS = 5_000;
// Saving a large guest's memory under emulation takes a while; this is a hang, not a slow save.
const SAVEVM_TIMEOUT_MS = 300_000;

/** Asks the guest to power off; true if QEMU exited within `timeoutMs`. */
export async function powerDown(
  session: QemuSession,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  await session.qmp.execute('system_powerdown');
  const exited = await session.waitForExit(timeoutMs, signal);
  if (!exited && signal.aborted) throw cancelled('Shutting down the instance');
  return exited;
}

/** Ends an attached QEMU: `quit`, then SIGKILL if it lingers. */
export async function quitSession(session: QemuSession, pidFile: string): Promise<void> {
  // The reply may lose the race with the socket closing; the exit is what counts.
  await session.qmp.execute('quit').catch(() => undefined);
  if (await session.waitForExit(QUIT_GRACE_MS)) return;
  const { pid } = session.runtime;
  if (await isOurQemu(pid, pidFile)) process.kill(pid, 'SIGKILL');
  if (!(await session.waitForExit(KILL_WAIT_MS))) {
    throw new BerthError('HYPERVISOR_ERROR', `QEMU (pid ${pid}) did not exit after SIGKILL`);
  }
}

/** Kills a QEMU whose monitor cannot be used, found through its runtime record or pidfile. */
export async function killUnattached(ctx: DriverContext): Promise<void> {
  const files = instanceFiles(ctx.dir);
  const runtime = await readRuntime(ctx.dir);
  const pid = runtime?.pid ?? (await readPidFile(files.pidFile));
  if (pid && (await isOurQemu(pid, files.pidFile))) {
    ctx.log.warn('killing QEMU without its monitor', { instance: ctx.spec.name, pid });
    process.kill(pid, 'SIGKILL');
    if (!(await waitForPidExit(pid, KILL_WAIT_MS))) {
      throw new BerthError('HYPERVISOR_ERROR', `QEMU (pid ${pid}) did not exit after SIGKILL`);
    }
  }
  clearRuntimeSync(ctx.dir, runtime?.qmpSocket ?? qmpSocketPath(ctx.dir));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** The images that carry internal snapshots: the disk, and the UEFI store when there is one. */
export async function snapshotImages(dir: string): Promise<string[]> {
  const files = instanceFiles(dir);
  return (await exists(files.efiVars)) ? [files.disk, files.efiVars] : [files.disk];
}

/** Forgets saved memory: the marker and the suspend tag in every image that has it. */
export async function discardSuspendState(ctx: DriverContext, tools: QemuTools): Promise<void> {
  await clearSuspendMarker(ctx.dir);
  for (const image of await snapshotImages(ctx.dir)) {
    if (!(await exists(image))) continue;
    if (!(await snapshotTags(tools.qemuImg, image)).includes(SUSPEND_TAG)) continue;
    await snapshotOp(tools.qemuImg, '-d', image, SUSPEND_TAG);
    ctx.log.info('discarded saved memory', { instance: ctx.spec.name, image });
  }
}

/** Saves the VM's memory into its disk and ends QEMU, so the next start resumes it. */
export async function suspendSession(
  ctx: DriverContext,
  session: QemuSession,
  signal: AbortSignal,
): Promise<void> {
  const { qmp } = session;
  // Stopped first, so the guest does not run on between the save and the exit.
  await qmp.execute('stop');
  if (signal.aborted) {
    await qmp.execute('cont');
    throw cancelled('Suspending the instance');
  }

  const startedMs = Date.now();
  const output = (await qmp.human(`savevm ${SUSPEND_TAG}`, SAVEVM_TIMEOUT_MS)).trim();
  if (output) {
    await qmp.execute('cont').catch(() => undefined);
    throw hypervisorError('Saving the VM memory failed', output);
  }
  await writeSuspendMarker(ctx.dir, SUSPEND_TAG);
  ctx.log.info('saved VM memory', { instance: ctx.spec.name, savevmMs: Date.now() - startedMs });

  await quitSession(session, instanceFiles(ctx.dir).pidFile);
}
