/**
 * Launch: validate everything first (nothing is written for bad input), then create the
 * instance folder, seed, disk and VM, and wait for SSH. A failed or cancelled launch leaves
 * nothing behind.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiRequest, InstanceInfo } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import { DEFAULTS, instanceNameProblem, resourceProblem } from '../../src-shared/names';
import { validateUserData } from '../../src-shared/user-data';
import { buildSeedDocuments } from '../cloud-init/seed-documents';
import { writeSeedIso } from '../cloud-init/seed-iso';
import type { LaunchSource } from '../drivers/driver';
import { ALIAS_HINT } from './image-alias';
import { assertDriverAvailable } from './instance-guards';
import { checkImageAlias, checkInstanceType, checkLaunchDevices } from './launch-checks';
import { bootToReady, READY_TIMEOUT_MS } from './lifecycle';
import type { Operation } from './operations';
import { generateName } from './petname';
import type { InstanceRecord } from './records';
import type { ScopeRuntime } from './scope-runtime';

/** A launch request after validation. */
export interface LaunchPlan {
  record: InstanceRecord;
  source: LaunchSource;
  userData: string | undefined;
  timeoutMs: number;
}

/** The SSH user Berth logs in as, matching Ubuntu cloud images. */
export const DEFAULT_SSH_USER = 'ubuntu';

/** Checks a launch request completely, before any side effect. */
export async function planLaunch(
  runtime: ScopeRuntime,
  request: ApiRequest<'instances.launch'>,
): Promise<LaunchPlan> {
  const store = runtime.deps.store;
  const name = request.name ?? generateName((n) => store.find(n) !== null);
  invalidIf(instanceNameProblem(name));
  const cpus = request.cpus ?? DEFAULTS.cpus;
  const memoryBytes = request.memoryBytes ?? DEFAULTS.memoryBytes;
  const diskBytes = request.diskBytes ?? DEFAULTS.diskBytes;
  invalidIf(resourceProblem('cpus', cpus));
  invalidIf(resourceProblem('memory', memoryBytes));
  invalidIf(resourceProblem('disk', diskBytes));
  if (request.userData !== undefined) invalidIf(validateUserData(request.userData));
  if (request.initrd && !request.kernel) invalidIf('An initrd needs a kernel (--kernel)');
  if (store.find(name)) {
    const deleted = store.get(name).deleted ? ' (deleted; recover or purge it)' : '';
    throw new BerthError('ALREADY_EXISTS', `Instance "${name}" already exists${deleted}`);
  }
  assertDriverAvailable(runtime);
  checkInstanceType(runtime, request.type);
  const source: LaunchSource = {
    ...(await resolveSource(runtime, request)),
    ...(await checkLaunchDevices(runtime, request)),
    ...(request.type ? { type: request.type } : {}),
  };
  const kind = source.kernel ? 'kernel' : 'disk';
  const record: InstanceRecord = {
    name,
    createdAt: new Date().toISOString(),
    image: {
      kind,
      source: request.image,
      ...(request.cmdline ? { cmdline: request.cmdline } : {}),
    },
    cpus,
    memoryBytes,
    diskBytes,
    sshUser: DEFAULT_SSH_USER,
    macAddress: randomMac(),
    deleted: false,
    state: 'starting',
    resumeOnReturn: false,
    ipv4: [],
    snapshots: [],
    snapshotsTaken: 0,
    lastError: null,
  };
  const timeoutMs = (request.timeoutSec ?? READY_TIMEOUT_MS / 1000) * 1000;
  return { record, source, userData: request.userData, timeoutMs };
}

/** A random MAC in QEMU's locally administered 52:54:00 range. */
function randomMac(): string {
  const tail = [...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0'));
  return ['52', '54', '00', ...tail].join(':');
}

function invalidIf(problem: string | null): void {
  if (problem) throw new BerthError('INVALID_INPUT', problem);
}

/** The image as local files, or as an alias the driver downloads itself. */
async function resolveSource(
  runtime: ScopeRuntime,
  request: ApiRequest<'instances.launch'>,
): Promise<LaunchSource> {
  const remoteImage = checkImageAlias(runtime, request.image);
  if (remoteImage) {
    if (request.kernel) invalidIf('--kernel boots a local disk image, not an image alias');
    return { disk: '', remoteImage };
  }
  const disk = await localFile(request.image, 'Image');
  const kernel = request.kernel ? await localFile(request.kernel, 'Kernel') : undefined;
  const initrd = request.initrd ? await localFile(request.initrd, 'Initrd') : undefined;
  return { disk, ...(kernel ? { kernel } : {}), ...(initrd ? { initrd } : {}) };
}

/** Resolves a path or file:// URL to an existing regular file, or INVALID_INPUT. */
async function localFile(location: string, what: string): Promise<string> {
  let path = location;
  if (location.startsWith('file://')) path = fileURLToPath(location);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new BerthError('INVALID_INPUT', `${what} "${location}": only local files are supported`);
  }
  if (!isAbsolute(path)) path = resolve(path);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) {
    const hint = /^[a-z-]+:[^/]/.test(location) ? ` (image aliases start with ${ALIAS_HINT})` : '';
    throw new BerthError('INVALID_INPUT', `${what} "${location}" is not a file${hint}`);
  }
  return path;
}

/** Carries out a checked launch plan. */
export async function runLaunch(
  runtime: ScopeRuntime,
  plan: LaunchPlan,
  op: Operation,
): Promise<InstanceInfo> {
  const { store, driver, identity } = runtime.deps;
  const name = plan.record.name;
  await store.put(plan.record);
  const entry = runtime.entry(name);
  await runtime.setState(name, 'starting');
  try {
    await mkdir(runtime.instanceDir(name), { recursive: true });
    op.progress('writing-seed', 'Writing the cloud-init seed');
    const seedIso = join(runtime.instanceDir(name), 'cloud-init-seed.iso');
    const documents = buildSeedDocuments({
      instanceName: name,
      instanceId: randomUUID(),
      publicKey: identity.publicKey,
      sshUser: plan.record.sshUser,
      macAddress: plan.record.macAddress,
      ...(plan.userData === undefined ? {} : { userData: plan.userData }),
    });
    await writeSeedIso(seedIso, documents, { signal: op.signal, log: runtime.deps.log });
    // The documents ride along for drivers that pass them as config rather than as the ISO.
    const source = { ...plan.source, cloudInit: documents };
    await driver.create(entry.ctx, source, seedIso, op.progress, op.signal);
    const instanceType = await driver.instanceType?.(entry.ctx);
    if (instanceType) await store.update(name, { instanceType });
    entry.state = 'stopped';
    return await bootToReady(runtime, name, op, plan.timeoutMs);
  } catch (error) {
    await rollBack(runtime, name);
    throw error;
  }
}

async function rollBack(runtime: ScopeRuntime, name: string): Promise<void> {
  const { driver, store, log, bus } = runtime.deps;
  const entry = runtime.entry(name);
  log.warn(`instance ${name}: launch failed; removing what it created`);
  await driver.kill(entry.ctx).catch(() => undefined);
  await driver.destroy(entry.ctx).catch(() => undefined);
  runtime.forget(name);
  await rm(runtime.instanceDir(name), { recursive: true, force: true });
  await store.remove(name);
  bus.emit('instance.removed', { scope: runtime.scope, name });
}
