/** Opens a core on a temporary data folder with fake drivers, for the core's unit tests. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEvent, ApiMethod, ApiResponse } from '../../../src-shared/api';
import { BerthError, fromErrorEnvelope } from '../../../src-shared/errors';
import { type OpenedCore, openCore } from '../core';
import { silentLogger } from '../logger';
import { createFakeDriver, type FakeDriver, type FakeVm } from './fake-driver';

/** A core under test with its fakes and helpers. */
export interface CoreHarness {
  dataDir: string;
  image: string;
  core: OpenedCore;
  qemu: FakeDriver;
  lxd: FakeDriver;
  /** Shares the QEMU fake's VMs: on Linux the two drivers run the same instances. */
  libvirt: FakeDriver;
  events: { event: ApiEvent; payload: unknown }[];
  /** Calls a method through the dispatcher; rejects with the BerthError of the envelope. */
  call<M extends ApiMethod>(method: M, params: unknown): Promise<ApiResponse<M>>;
  /** Closes and opens the core again on the same folder (a Berth restart). */
  reopen(): Promise<void>;
  dispose(): Promise<void>;
}

/** Builds a harness; VMs outlive a `reopen`, as real ones outlive Berth. */
export async function openHarness(): Promise<CoreHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-core-'));
  const image = join(dataDir, 'image.qcow2');
  await writeFile(image, 'not really an image');
  const qemuVms = new Map<string, FakeVm>();
  const lxdVms = new Map<string, FakeVm>();
  const events: CoreHarness['events'] = [];
  const open = async () => {
    const qemu = createFakeDriver('qemu', qemuVms);
    const lxd = createFakeDriver('lxd', lxdVms);
    const libvirt = createFakeDriver('libvirt', qemuVms);
    const core = await openCore({
      dataDir,
      drivers: { qemu, lxd, libvirt },
      host: { os: 'linux', arch: 'x64', windowsEdition: null },
      logger: silentLogger,
      waitReady: async () => ['10.0.2.15'],
    });
    core.dispatcher.subscribe((event, payload) => events.push({ event, payload }));
    return { core, qemu, lxd, libvirt };
  };
  const harness: CoreHarness = {
    dataDir,
    image,
    events,
    ...(await open()),
    call: async (method, params) => {
      const outcome = await harness.core.dispatcher.dispatch(method, params);
      if (!outcome.ok) throw fromErrorEnvelope(outcome.error);
      return outcome.result as ApiResponse<typeof method>;
    },
    reopen: async () => {
      await harness.core.close();
      Object.assign(harness, await open());
    },
    dispose: async () => {
      await harness.core.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The BerthError a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<BerthError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
