/**
 * The fake transport's remote servers and instance devices: small in-memory lists that
 * remotes.*, mounts.* and networks.* read and change, as the core would.
 */
import type { MountInfo, NetworkAttachment, RemoteInfo } from '../../src-shared/api';
import type { FakeTransport } from './fake-transport';

/** A remote as the core reports it once added. */
export function fakeRemote(name: string, extra: Partial<RemoteInfo> = {}): RemoteInfo {
  return {
    name,
    driver: 'lxd',
    url: `https://${name}.example:8443`,
    target: `lxd@${name}`,
    serverFingerprint: '3f9a1c0be2d4'.padEnd(64, '0'),
    addedAt: '2026-03-04T05:06:07.000Z',
    ...extra,
  };
}

/** What the fake keeps besides instances. */
export interface FakeExtras {
  remotes: RemoteInfo[];
  mounts: Record<string, MountInfo[]>;
  networks: Record<string, NetworkAttachment[]>;
}

/** Installs the remotes, mounts and networks handlers over `extras` on `fake`. */
export function handleExtras(fake: FakeTransport, extras: FakeExtras): void {
  const changed = () => fake.emit('remotes.changed', { remotes: [...extras.remotes] });
  fake.handle('remotes.list', () => [...extras.remotes]);
  fake.handle('remotes.certificate', () => ({
    certPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    fingerprint: 'c0ffee'.repeat(10).slice(0, 64),
  }));
  fake.handle('remotes.add', ({ name, url }) => {
    const remote = fakeRemote(name, { url });
    extras.remotes.push(remote);
    changed();
    return remote;
  });
  fake.handle('remotes.remove', ({ name }) => {
    extras.remotes = extras.remotes.filter((r) => r.name !== name);
    changed();
    return { ok: true };
  });

  fake.handle('mounts.list', ({ instance }) => [...(extras.mounts[instance] ?? [])]);
  fake.handle('mounts.add', ({ instance, source, target }) => {
    extras.mounts[instance] = [...(extras.mounts[instance] ?? []), { source, target }];
    return { source, target };
  });
  fake.handle('mounts.remove', ({ instance, target }) => {
    extras.mounts[instance] = (extras.mounts[instance] ?? []).filter((m) => m.target !== target);
    return { ok: true };
  });

  fake.handle('networks.list', ({ instance }) => [...(extras.networks[instance] ?? [])]);
  fake.handle('networks.add', ({ instance, bridge }) => {
    const nics = extras.networks[instance] ?? [];
    const added = { bridge, nic: `eth${nics.length + 1}` };
    extras.networks[instance] = [...nics, added];
    return added;
  });
  fake.handle('networks.remove', ({ instance, nic }) => {
    extras.networks[instance] = (extras.networks[instance] ?? []).filter((n) => n.nic !== nic);
    return { ok: true };
  });
}
