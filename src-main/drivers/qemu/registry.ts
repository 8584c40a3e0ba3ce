/**
 * The QEMU processes this driver is attached to, one per instance folder, and how a live
 * QEMU left by an earlier Berth is found again through `runtime.json`.
 */
import { BerthError } from '../../../src-shared/errors';
import type { DriverContext } from '../driver';
import { isOurQemu } from './host-process';
import { instanceFiles } from './instance-files';
import { QmpClient } from './qmp-client';
import { clearRuntimeSync, type Runtime, readRuntime } from './runtime';
import { QemuSession, runStateOf } from './session';

const REATTACH_TIMEOUT_MS = 3_000;

/** Attached sessions by instance folder. */
export class SessionRegistry {
  private readonly sessions = new Map<string, QemuSession>();

  /** The attached session of `ctx.dir`, if its QEMU still runs. */
  current(ctx: DriverContext): QemuSession | null {
    const session = this.sessions.get(ctx.dir);
    return session && !session.isExited ? session : null;
  }

  /** Keeps `session` until its QEMU exits or it is detached. */
  add(ctx: DriverContext, session: QemuSession): void {
    this.sessions.set(ctx.dir, session);
  }

  /** Forgets `session` (its QEMU exited). */
  readonly remove = (session: QemuSession): void => {
    for (const [dir, known] of this.sessions) {
      if (known === session) this.sessions.delete(dir);
    }
  };

  /** Closes the monitor of `ctx.dir`'s session, leaving QEMU running. */
  detach(ctx: DriverContext): void {
    this.sessions.get(ctx.dir)?.detach();
    this.sessions.delete(ctx.dir);
  }

  /**
   * The session of a live QEMU for `ctx.dir`, attaching to it when needed; null when none
   * runs (stale runtime files are removed then). Events go to `ctx` from now on.
   */
  async live(ctx: DriverContext): Promise<QemuSession | null> {
    const existing = this.current(ctx);
    if (existing) {
      existing.rebind(ctx);
      return existing;
    }
    const runtime = await liveRuntime(ctx);
    if (!runtime) return null;
    const qmp = await reconnect(ctx, runtime);
    const session = new QemuSession(ctx, qmp, runtime, this.remove);
    session.adoptRunState(runStateOf(await qmp.execute('query-status')));
    this.add(ctx, session);
    ctx.log.info('attached to running QEMU', { instance: ctx.spec.name, pid: runtime.pid });
    return session;
  }
}

/** The runtime record when its QEMU still runs; clears a stale record. */
export async function liveRuntime(ctx: DriverContext): Promise<Runtime | null> {
  const runtime = await readRuntime(ctx.dir);
  if (!runtime) return null;
  if (await isOurQemu(runtime.pid, instanceFiles(ctx.dir).pidFile)) return runtime;
  ctx.log.info('removing stale runtime files', { instance: ctx.spec.name, pid: runtime.pid });
  clearRuntimeSync(ctx.dir, runtime.qmpSocket);
  return null;
}

async function reconnect(ctx: DriverContext, runtime: Runtime): Promise<QmpClient> {
  try {
    return await QmpClient.connect(runtime.qmpSocket, { timeoutMs: REATTACH_TIMEOUT_MS });
  } catch (error) {
    // Known limitation: QEMU serves one client per monitor socket, so while another process
    // (an older Berth, a debugging socat) holds it, this one cannot attach and says so.
    const message = `QEMU (pid ${runtime.pid}) runs but its monitor does not answer`;
    const cause = error instanceof Error ? error.message : String(error);
    ctx.log.error(message, { instance: ctx.spec.name, cause });
    throw new BerthError('HYPERVISOR_ERROR', message, [cause]);
  }
}
