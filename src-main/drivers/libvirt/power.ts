/** Ending and saving a running domain: ACPI power-off, destroy, managed save, undefine. */
import { BerthError } from '../../../src-shared/errors';
import type { DriverContext } from '../driver';
import { cancelled } from '../qemu/errors';
import { domainState, isActive } from './domain-state';
import type { EventStream } from './event-stream';
import { clearSaved, markSaved } from './saved-marker';
import { isNoDomain, type Virsh } from './virsh';

// Saving a large guest's memory under emulation takes a while; this is a hang, not a slow save.
const MANAGEDSAVE_TIMEOUT_MS = 300_000;

/** Asks the guest to power off; true if the domain stopped within `timeoutMs`. */
export async function shutdownDomain(
  ctx: DriverContext,
  virsh: Virsh,
  events: EventStream,
  domain: string,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<boolean> {
  if (!isActive(await domainState(virsh, domain))) return true;
  ctx.log.info('asking the guest to power off', {
    instance: ctx.spec.name,
    timeoutMs: options.timeoutMs,
  });
  const exited = events.waitFor(domain, ['exited'], options.timeoutMs, options.signal);
  await virsh.run(['shutdown', domain, '--mode', 'acpi']);
  if (await exited) return true;
  if (options.signal.aborted) throw cancelled('Shutting down the instance');
  // The event may have been lost in a gap of the stream; the daemon has the last word.
  const off = !isActive(await domainState(virsh, domain));
  if (!off) ctx.log.warn('guest did not power off in time', { instance: ctx.spec.name });
  return off;
}

/** Ends the domain at once and drops its managed save; true if it was running. */
export async function killDomain(virsh: Virsh, domain: string, dir: string): Promise<boolean> {
  const state = await domainState(virsh, domain);
  if (isActive(state)) await virsh.run(['destroy', domain]);
  if (state === 'suspended') await virsh.run(['managedsave-remove', domain]);
  await clearSaved(dir);
  return isActive(state);
}

/** Saves the running domain's memory (managed save); the next start resumes it. */
export async function suspendDomain(
  ctx: DriverContext,
  virsh: Virsh,
  domain: string,
  signal: AbortSignal,
): Promise<void> {
  if (!isActive(await domainState(virsh, domain))) {
    throw new BerthError('INVALID_STATE', `${ctx.spec.name} is not running`);
  }
  const began = Date.now();
  await virsh.run(['managedsave', domain], { timeoutMs: MANAGEDSAVE_TIMEOUT_MS, signal });
  await markSaved(ctx.dir, domain);
  ctx.log.info('saved VM memory (managed save)', {
    instance: ctx.spec.name,
    managedsaveMs: Date.now() - began,
  });
}

/** Removes the domain, its managed save and NVRAM from libvirt; a missing domain is fine. */
export async function undefineDomain(
  ctx: DriverContext,
  virsh: Virsh,
  domain: string,
): Promise<void> {
  if (isActive(await domainState(virsh, domain))) await virsh.run(['destroy', domain]);
  const result = await virsh.tryRun(['undefine', domain, '--managed-save', '--nvram']);
  if (result.ok || isNoDomain(result.stderr)) return;
  ctx.log.warn('could not undefine the domain', {
    instance: ctx.spec.name,
    error: result.stderr.trim(),
  });
}
