/**
 * Starting an instance's domain: refused while the QEMU driver holds the instance, resumed from
 * a managed save when there is one, otherwise defined afresh (new SSH port) and booted.
 */
import { writeFile } from 'node:fs/promises';
import { BerthError } from '../../../src-shared/errors';
import type { DriverContext } from '../driver';
import { freeLoopbackPort } from '../qemu/host-process';
import type { QemuTools } from '../qemu/probe';
import { liveRuntime } from '../qemu/registry';
import { readSuspendMarker } from '../qemu/runtime';
import { domainPlanOf } from './domain-plan';
import { domainState } from './domain-state';
import { buildDomainXml, sshPortOf } from './domain-xml';
import { libvirtFiles } from './identity';
import { activeNatNetwork, NAT_INACTIVE_WARNING } from './nat-network';
import type { DomainType } from './probe';
import { clearSaved, isSavedHere } from './saved-marker';
import { type Virsh, virshError } from './virsh';

const PORT_ATTEMPTS = 3;

/** What booting needs. */
export interface BootTools {
  virsh: Virsh;
  domainType: DomainType;
  qemu: QemuTools;
}

/** Throws INVALID_STATE while the QEMU driver runs the instance or holds its saved memory. */
export async function assertNotHeldByQemu(ctx: DriverContext): Promise<void> {
  const name = ctx.spec.name;
  if (await liveRuntime(ctx)) {
    throw new BerthError(
      'INVALID_STATE',
      `${name} is running under the QEMU driver; stop it first`,
    );
  }
  if (await readSuspendMarker(ctx.dir)) {
    throw new BerthError(
      'INVALID_STATE',
      `${name} was suspended by the QEMU driver, which alone can resume it: switch back ` +
        'with `berth set local.driver=qemu`',
    );
  }
}

/** Why a start failed, with a hint when libvirt's QEMU user cannot read the folder. */
function startError(ctx: DriverContext, stderr: string): BerthError {
  const error = virshError(`libvirt failed to start ${ctx.spec.name}`, stderr);
  if (!/permission denied/i.test(stderr)) return error;
  const hint =
    `libvirt runs QEMU as its own user, which cannot read ${ctx.dir}: set libvirt.uri to ` +
    'qemu:///session, or set user and group in /etc/libvirt/qemu.conf';
  return new BerthError('HYPERVISOR_ERROR', error.message, [...(error.details ?? []), hint]);
}

async function defineAndStart(ctx: DriverContext, tools: BootTools, domain: string) {
  for (let attempt = 1; ; attempt++) {
    const sshPort = await freeLoopbackPort();
    const natNetwork = await activeNatNetwork(tools.virsh);
    if (!natNetwork) ctx.log.warn(NAT_INACTIVE_WARNING, { instance: ctx.spec.name });
    const plan = await domainPlanOf(ctx, tools.qemu, tools.domainType, sshPort, natNetwork);
    const xmlFile = libvirtFiles(ctx.dir).domainXml;
    await writeFile(xmlFile, buildDomainXml(plan));
    await tools.virsh.run(['define', xmlFile]);
    const started = await tools.virsh.tryRun(['start', domain], { timeoutMs: 300_000 });
    if (started.ok) return sshPort;
    const portTaken = /Could not set up host forwarding rule/i.test(started.stderr);
    if (!portTaken || attempt >= PORT_ATTEMPTS) throw startError(ctx, started.stderr);
    ctx.log.warn('SSH port was taken before QEMU bound it; retrying', { port: sshPort });
  }
}

/** Boots or resumes the domain of `ctx`; returns its SSH port once its CPUs run. */
export async function bootDomain(
  ctx: DriverContext,
  tools: BootTools,
  domain: string,
): Promise<number> {
  const state = await domainState(tools.virsh, domain);
  const instance = ctx.spec.name;
  if (state === 'running' || state === 'paused') {
    ctx.log.info('start asked for an instance already up', { instance });
    if (state === 'paused') await tools.virsh.run(['resume', domain]);
    return readSshPort(tools.virsh, domain);
  }
  await assertNotHeldByQemu(ctx);
  if (state === 'suspended' && (await isSavedHere(ctx.dir))) {
    ctx.log.info('resuming from managed save', { instance, domain });
    const started = await tools.virsh.tryRun(['start', domain], { timeoutMs: 300_000 });
    if (!started.ok) throw startError(ctx, started.stderr);
    await clearSaved(ctx.dir);
    return readSshPort(tools.virsh, domain);
  }
  if (state === 'suspended') {
    ctx.log.warn('discarding a managed save this instance folder did not make', { domain });
    await tools.virsh.run(['managedsave-remove', domain]);
  }
  ctx.log.info('defining and starting the domain', { instance, domain, type: tools.domainType });
  const port = await defineAndStart(ctx, tools, domain);
  ctx.log.info('domain running', { instance, domain, sshPort: port });
  return port;
}

/** The SSH port in the running domain's XML. */
export async function readSshPort(virsh: Virsh, domain: string): Promise<number> {
  const port = sshPortOf(await virsh.run(['dumpxml', domain]));
  if (port === null) {
    throw new BerthError('HYPERVISOR_ERROR', `${domain} has no SSH forward in its definition`);
  }
  return port;
}
