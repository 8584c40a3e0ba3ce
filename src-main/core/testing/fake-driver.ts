/**
 * An in-memory driver for unit tests of the core's rules (scopes, states, switching). It is
 * not a hypervisor: the real-QEMU tests in src-main/drivers/qemu and e2e/ cover that.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DriverId } from '../../../src-shared/drivers';
import type {
  Driver,
  DriverContext,
  DriverProbe,
  ObservedState,
  SshEndpoint,
} from '../../drivers/driver';

/** A fake VM's state, kept outside the driver so a "restarted Berth" sees it again. */
export interface FakeVm {
  state: ObservedState;
  snapshots: string[];
  ctx: DriverContext | null;
}

/** Every call the fake received, for asserting that refused requests touched nothing. */
export interface FakeDriver extends Driver {
  readonly vms: Map<string, FakeVm>;
  readonly calls: string[];
  /** Makes the VM of `name` exit as if killed from outside. */
  crash(name: string): void;
  /** Milliseconds each start takes. */
  startDelayMs: number;
}

const AVAILABLE: DriverProbe = {
  available: true,
  version: 'fake 1.0',
  acceleration: 'none',
  warnings: [],
  reason: null,
  fix: null,
};

/** Builds a fake driver with `id`; pass `vms` to share VM state across driver objects. */
export function createFakeDriver(id: DriverId, vms = new Map<string, FakeVm>()): FakeDriver {
  const calls: string[] = [];
  const vm = (ctx: DriverContext): FakeVm => {
    const found = vms.get(ctx.spec.name);
    if (!found) throw new Error(`fake: no VM ${ctx.spec.name}`);
    found.ctx = ctx;
    return found;
  };
  const exit = (ctx: DriverContext, state: ObservedState) => {
    vm(ctx).state = state;
    ctx.onEvent({ kind: 'exited' });
  };
  const driver: FakeDriver = {
    id,
    vms,
    calls,
    startDelayMs: 0,
    probe: async () => AVAILABLE,
    create: async (ctx) => {
      calls.push(`create ${ctx.spec.name}`);
      await writeFile(join(ctx.dir, 'disk.img'), 'fake disk');
      vms.set(ctx.spec.name, { state: 'stopped', snapshots: [], ctx });
    },
    attach: async (ctx) => {
      calls.push(`attach ${ctx.spec.name}`);
      return vms.has(ctx.spec.name) ? vm(ctx).state : 'stopped';
    },
    start: async (ctx) => {
      calls.push(`start ${ctx.spec.name}`);
      await new Promise((r) => setTimeout(r, driver.startDelayMs));
      vm(ctx).state = 'running';
      ctx.onEvent({ kind: 'running' });
    },
    shutdown: async (ctx) => {
      calls.push(`shutdown ${ctx.spec.name}`);
      exit(ctx, 'stopped');
      return true;
    },
    kill: async (ctx) => {
      calls.push(`kill ${ctx.spec.name}`);
      if (vms.has(ctx.spec.name)) exit(ctx, 'stopped');
    },
    suspend: async (ctx) => {
      calls.push(`suspend ${ctx.spec.name}`);
      exit(ctx, 'suspended');
    },
    sshEndpoint: async (ctx): Promise<SshEndpoint | null> =>
      vms.get(ctx.spec.name)?.state === 'running' ? { host: '127.0.0.1', port: 2222 } : null,
    consoleLogPath: (ctx) => join(ctx.dir, 'console.log'),
    destroy: async (ctx) => {
      calls.push(`destroy ${ctx.spec.name}`);
      vms.delete(ctx.spec.name);
    },
    detach: () => undefined,
    crash: (name) => {
      const found = vms.get(name);
      if (found?.ctx) exit(found.ctx, 'stopped');
    },
    snapshots: {
      take: async (ctx, tag) => {
        calls.push(`snapshot ${ctx.spec.name} ${tag}`);
        vm(ctx).snapshots.push(tag);
      },
      restore: async (ctx, tag) => {
        calls.push(`restore ${ctx.spec.name} ${tag}`);
      },
      delete: async (ctx, tag) => {
        calls.push(`delete-snapshot ${ctx.spec.name} ${tag}`);
        vm(ctx).snapshots = vm(ctx).snapshots.filter((s) => s !== tag);
      },
    },
  };
  return driver;
}
