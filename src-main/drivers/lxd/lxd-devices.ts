/**
 * The LXD driver's native mounts and extra NICs, as the core's `DriverDevices` hook. The
 * instance's devices in LXD are the source of truth: lists read them back every time.
 */
import { BerthError } from '../../../src-shared/errors';
import type { DriverContext, DriverDevices } from '../driver';
import { addMount, listMounts, removeMount } from './mounts';
import { addBridgedNic, listBridgedNics, removeBridgedNic } from './networks';
import type { LxdClient } from './rest-client';

/** Runs `change`, turning LXD's refusal into a message that says what was being done. */
async function refusedAs<T>(what: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (!(error instanceof BerthError) || error.code !== 'HYPERVISOR_ERROR') throw error;
    const reason = error.message.replace(/^LXD: /, '');
    throw new BerthError('HYPERVISOR_ERROR', `LXD refused to ${what}: ${reason}`);
  }
}

/** The devices hook over the client `clientFor` sets up for an instance. */
export function lxdDevices(clientFor: (ctx: DriverContext) => Promise<LxdClient>): DriverDevices {
  return {
    async listMounts(ctx) {
      return listMounts(await clientFor(ctx), ctx.spec.name);
    },

    async addMount(ctx, { source, target }) {
      const client = await clientFor(ctx);
      const name = ctx.spec.name;
      const device = await refusedAs(`mount ${source} at ${target} in ${name}`, () =>
        addMount(client, name, source, target),
      );
      ctx.log.debug('mount added', { instance: name, source, target, device });
    },

    async removeMount(ctx, target) {
      const client = await clientFor(ctx);
      const name = ctx.spec.name;
      await refusedAs(`remove the mount at ${target} from ${name}`, () =>
        removeMount(client, name, target),
      );
      ctx.log.debug('mount removed', { instance: name, target });
    },

    async listNetworks(ctx) {
      return listBridgedNics(await clientFor(ctx), ctx.spec.name);
    },

    async addNetwork(ctx, bridge) {
      const client = await clientFor(ctx);
      const name = ctx.spec.name;
      // Known limitation: in a virtual machine the guest names NICs itself (enp6s0, ...);
      // the name reported is the one LXD gives containers, which VMs ignore.
      const nic = await refusedAs(`add a NIC on ${bridge} to ${name}`, () =>
        addBridgedNic(client, name, bridge),
      );
      ctx.log.debug('network added', { instance: name, bridge, nic });
      return { bridge, nic };
    },

    async removeNetwork(ctx, nic) {
      const client = await clientFor(ctx);
      const name = ctx.spec.name;
      await refusedAs(`remove the NIC ${nic} from ${name}`, () =>
        removeBridgedNic(client, name, nic),
      );
      ctx.log.debug('network removed', { instance: name, nic });
    },
  };
}
