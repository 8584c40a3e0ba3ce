/**
 * In-memory mounts and NICs for a fake driver, so the core's device rules can be tested
 * without a hypervisor (e2e/lxd-devices.e2e.test.ts covers real LXD).
 */
import type { MountInfo, NetworkAttachment } from '../../../src-shared/api';
import type { DriverDevices, LaunchSource } from '../../drivers/driver';
import type { FakeDriver } from './fake-driver';

/** A fake driver given devices and image aliases, and what it was asked to create from. */
export interface FakeDeviceDriver {
  driver: FakeDriver;
  mounts: Map<string, MountInfo[]>;
  nics: Map<string, NetworkAttachment[]>;
  /** The launch source of every `create`, in order. */
  created: LaunchSource[];
}

/** Adds devices (and alias downloads, like LXD) to `driver`, in place. */
export function withFakeDevices(driver: FakeDriver): FakeDeviceDriver {
  const mounts = new Map<string, MountInfo[]>();
  const nics = new Map<string, NetworkAttachment[]>();
  const created: LaunchSource[] = [];
  const create = driver.create;
  const devices: DriverDevices = {
    listMounts: async (ctx) => mounts.get(ctx.spec.name) ?? [],
    addMount: async (ctx, mount) => {
      driver.calls.push(`mount ${ctx.spec.name} ${mount.target}`);
      mounts.set(ctx.spec.name, [...(mounts.get(ctx.spec.name) ?? []), mount]);
    },
    removeMount: async (ctx, target) => {
      driver.calls.push(`unmount ${ctx.spec.name} ${target}`);
      const kept = (mounts.get(ctx.spec.name) ?? []).filter((m) => m.target !== target);
      mounts.set(ctx.spec.name, kept);
    },
    listNetworks: async (ctx) => nics.get(ctx.spec.name) ?? [],
    addNetwork: async (ctx, bridge) => {
      const list = nics.get(ctx.spec.name) ?? [];
      const added = { bridge, nic: `eth${list.length + 1}` };
      nics.set(ctx.spec.name, [...list, added]);
      return added;
    },
    removeNetwork: async (ctx, nic) => {
      const kept = (nics.get(ctx.spec.name) ?? []).filter((n) => n.nic !== nic);
      nics.set(ctx.spec.name, kept);
    },
  };
  Object.assign(driver, {
    devices,
    imageAliases: true,
    create: async (...args: Parameters<FakeDriver['create']>) => {
      const [ctx, source] = args;
      created.push(source);
      await create(...args);
      if (source.mounts) mounts.set(ctx.spec.name, source.mounts);
    },
  });
  return { driver, mounts, nics, created };
}
