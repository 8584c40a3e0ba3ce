/**
 * The UEFI path under libvirt: the Debian cloud disk boots through OVMF (code read-only, the
 * instance's own variable store) in a libvirt domain, reads its seed from a virtio disk, and
 * answers SSH; a managed save and resume keep it running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthSession } from './support/berth-session';
import { cloudGuest } from './support/guests';
import { libvirtMissing } from './support/libvirt';

const { disk, reason: diskReason } = cloudGuest();
const reason = diskReason ?? libvirtMissing();

describe.skipIf(disk === null || reason !== null)(
  `cloud guest under libvirt ${reason ?? ''}`,
  () => {
    let berth: BerthSession;

    beforeAll(async () => {
      berth = await BerthSession.open();
      await berth.call('settings.set', { key: 'local.driver', value: 'libvirt' });
    });
    afterAll(async () => {
      await berth?.dispose();
    });

    it('boots through UEFI to SSH, and resumes from a managed save', async () => {
      if (!disk) return;
      const began = Date.now();
      const cloud = await berth.call('instances.launch', {
        name: 'cloudy',
        image: disk,
        cpus: 2,
        memoryBytes: 1024 ** 3,
        diskBytes: 3 * 1024 ** 3,
        timeoutSec: 600,
      });
      const ms = Date.now() - began;
      process.stderr.write(`[berth e2e] cloud guest under libvirt, launch to running: ${ms} ms\n`);
      expect(cloud).toMatchObject({ state: 'running', scope: 'qemu' });
      expect((await berth.call('instances.list', {})).driver).toBe('libvirt');
      expect((await berth.ssh(cloud, 'hostname')).trim()).toBe('cloudy');
      expect((await berth.ssh(cloud, 'test -d /sys/firmware/efi && echo uefi')).trim()).toBe(
        'uefi',
      );

      // cloud-init brought up the second NIC by DHCP on libvirt's NAT network: the guest
      // reports that address (read over the loopback forward) and so do libvirt's leases.
      const addresses = (await berth.ssh(cloud, 'ip -4 -o addr show scope global')).trim();
      const natAddress = cloud.ipv4.find((a) => a !== '10.0.2.15');
      expect(natAddress, `addresses: ${cloud.ipv4.join(', ')}`).toBeDefined();
      expect(addresses).toContain(`inet ${natAddress}/`);

      await berth.ssh(cloud, 'echo kept > /dev/shm/marker');
      await berth.call('instances.suspend', { name: 'cloudy' });
      const resumed = await berth.call('instances.start', { name: 'cloudy' });
      expect((await berth.ssh(resumed, 'cat /dev/shm/marker')).trim()).toBe('kept');
      expect((await berth.call('instances.stop', { name: 'cloudy' })).state).toBe('stopped');
    }, 900_000);
  },
);
