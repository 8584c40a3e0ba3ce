/**
 * QEMU and libvirt share one scope on Linux, with a real daemon and the tiny guest: `web`
 * launched under qemu is listed and booted by libvirt after the switch, with its data; it is
 * suspended (managed save), restarted, killed from outside under libvirt; switched back to qemu
 * and to libvirt again; soft-deleted, recovered and purged (its domain undefined). Snapshots
 * are refused with the capability matrix's reason while libvirt is active.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainNameOf } from '../src-main/drivers/libvirt/identity';
import { missingCapabilityReason } from '../src-shared/capabilities';
import { BerthSession } from './support/berth-session';
import { tinyGuest } from './support/guests';
import { libvirtMissing, removeDomain, virsh } from './support/libvirt';

const { guest, reason: guestReason } = tinyGuest();
const reason = guestReason ?? libvirtMissing();

async function domainNames(): Promise<string[]> {
  return (await virsh('list', '--all', '--name')).split('\n');
}

describe.skipIf(guest === null || reason !== null)(
  `QEMU and libvirt sharing a scope ${reason ?? ''}`,
  () => {
    let berth: BerthSession;
    let domain: string;

    const use = (driver: string) =>
      berth.call('settings.set', { key: 'local.driver', value: driver });
    const info = () => berth.call('instances.info', { name: 'web' });
    const sshWeb = async (command: string) => (await berth.ssh(await info(), command)).trim();

    beforeAll(async () => {
      berth = await BerthSession.open();
      domain = domainNameOf('web', berth.instanceDir('web'));
    });
    afterAll(async () => {
      await berth?.dispose();
      // Belt and braces: a failed test must not leave the domain defined on the daemon.
      if (!domain) return;
      await removeDomain(domain);
    });

    it('launches under qemu; libvirt boots the same instance after the switch', async () => {
      if (!guest) return;
      const launch = { image: guest.disk, kernel: guest.kernel, initrd: guest.initrd };
      const web = await berth.call('instances.launch', {
        name: 'web',
        ...launch,
        cmdline: guest.cmdline,
        memoryBytes: 512 * 1024 ** 2,
      });
      await berth.ssh(web, 'echo disk-data > /data/marker && sync');

      const preview = await berth.call('drivers.preview', { driver: 'libvirt' });
      expect(preview).toMatchObject({ sameScope: true });
      expect(preview.items).toEqual([
        { name: 'web', action: 'stop', side: 'leaving' },
        { name: 'web', action: 'start', side: 'entering' },
      ]);
      await use('libvirt');

      const listed = await berth.call('instances.list', {});
      expect(listed).toMatchObject({ driver: 'libvirt', scope: 'qemu' });
      expect(listed.instances.map((i) => [i.name, i.state])).toEqual([['web', 'running']]);
      expect(await domainNames()).toContain(domain);
      expect(await sshWeb('cat /data/marker')).toBe('disk-data');
    }, 300_000);

    it('refuses snapshots with the matrix reason and lists libvirt without mounts', async () => {
      const refused = berth.call('snapshots.take', { instance: 'web' });
      await expect(refused).rejects.toMatchObject({
        code: 'UNSUPPORTED',
        message: expect.stringContaining(missingCapabilityReason('libvirt', 'snapshots')),
      });
      const libvirt = (await berth.call('drivers.list', {})).find((d) => d.id === 'libvirt');
      expect(libvirt).toMatchObject({
        available: true,
        isActive: true,
        scope: 'qemu',
        capabilities: {
          nativeMounts: false,
          snapshots: false,
          extraNetworks: false,
          suspend: true,
        },
      });
    });

    it('suspends by managed save and resumes with memory intact, then restarts', async () => {
      await sshWeb('echo ram-data > /tmp/marker');
      expect((await berth.call('instances.suspend', { name: 'web' })).state).toBe('suspended');
      await berth.call('instances.start', { name: 'web' });
      expect(await sshWeb('cat /tmp/marker')).toBe('ram-data');

      const restarted = await berth.call('instances.restart', { name: 'web' });
      expect(restarted.state).toBe('running');
      expect(await sshWeb('cat /tmp/marker 2>/dev/null || echo gone')).toBe('gone');
      expect(await sshWeb('cat /data/marker')).toBe('disk-data');
    }, 300_000);

    it('switches back to qemu and to libvirt again, the data following', async () => {
      await use('qemu');
      expect(await info()).toMatchObject({ state: 'running', resumeOnReturn: false });
      expect(await sshWeb('cat /data/marker')).toBe('disk-data');
      await sshWeb('echo from-qemu >> /data/marker && sync');

      await use('libvirt');
      expect((await info()).state).toBe('running');
      expect(await sshWeb('cat /data/marker')).toBe('disk-data\nfrom-qemu');
    }, 300_000);

    it('corrects the state from events when the domain QEMU is killed from outside', async () => {
      const pid = Number((await readFile(`/run/libvirt/qemu/${domain}.pid`, 'utf8')).trim());
      const stopped = berth.waitForEvent(
        'instance.changed',
        (payload) => payload.name === 'web' && payload.state === 'stopped',
        15_000,
      );
      process.kill(pid, 'SIGKILL');
      await stopped;
      expect((await info()).state).toBe('stopped');
    });

    it('deletes, recovers and purges under libvirt, undefining the domain', async () => {
      await berth.call('instances.delete', { name: 'web' });
      expect((await berth.call('instances.list', {})).instances).toEqual([]);
      expect((await berth.call('instances.recover', { name: 'web' })).state).toBe('stopped');
      await berth.call('instances.delete', { name: 'web', purge: true });
      expect((await berth.call('instances.list', { includeDeleted: true })).instances).toEqual([]);
      expect(await domainNames()).not.toContain(domain);
    }, 300_000);
  },
);
