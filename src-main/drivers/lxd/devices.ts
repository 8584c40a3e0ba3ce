/** Removing one device from an LXD instance (mounts and extra NICs are devices). */
import type { LxdClient } from './rest-client';
import { instanceSchema } from './schemas';

/** Removes device `device` from instance `name`; nothing to do when it has none. */
export async function removeDevice(client: LxdClient, name: string, device: string) {
  const instance = await client.get(`/1.0/instances/${name}`, instanceSchema);
  if (!(device in instance.devices)) return;
  const devices = { ...instance.devices };
  delete devices[device];
  // PATCH merges devices and cannot drop one, so the instance is PUT back without it.
  await client.run('PUT', `/1.0/instances/${name}`, {
    json: { config: instance.config, devices, profiles: instance.profiles },
  });
}
