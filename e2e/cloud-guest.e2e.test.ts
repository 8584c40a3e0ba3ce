/**
 * The real cloud-image path: a Debian disk that boots through UEFI firmware (OVMF), reads the
 * NoCloud seed with cloud-init, takes Berth's key and the user's user-data, and answers SSH.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthSession } from './support/berth-session';
import { cloudGuest } from './support/guests';

const { disk, reason } = cloudGuest();

const USER_DATA = `#cloud-config
write_files:
  - path: /etc/berth-e2e
    content: written by cloud-init
`;

describe.skipIf(disk === null)(`cloud guest through UEFI and cloud-init ${reason ?? ''}`, () => {
  let berth: BerthSession;

  beforeAll(async () => {
    berth = await BerthSession.open();
  });
  afterAll(async () => {
    await berth?.dispose();
  });

  it('launches to SSH with the injected key and applies user-data', async () => {
    if (!disk) return;
    const began = Date.now();
    const cloud = await berth.call('instances.launch', {
      name: 'cloudy',
      image: disk,
      cpus: 2,
      memoryBytes: 1024 ** 3,
      diskBytes: 3 * 1024 ** 3,
      userData: USER_DATA,
      timeoutSec: 600,
    });
    process.stderr.write(`[berth e2e] cloud guest launch to running: ${Date.now() - began} ms\n`);
    expect(cloud.state).toBe('running');
    expect(cloud.image.kind).toBe('disk');
    expect((await berth.ssh(cloud, 'hostname')).trim()).toBe('cloudy');
    expect((await berth.ssh(cloud, 'cat /etc/berth-e2e')).trim()).toBe('written by cloud-init');
    const size = Number((await berth.ssh(cloud, 'lsblk -bdno SIZE /dev/vda')).trim());
    expect(size).toBe(3 * 1024 ** 3);
    const stopped = await berth.call('instances.stop', { name: 'cloudy' });
    expect(stopped.state).toBe('stopped');
  }, 900_000);
});
