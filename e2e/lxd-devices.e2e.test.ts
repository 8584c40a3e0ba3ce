/**
 * Real LXD: native mounts and extra NICs through the core and the CLI, the instance type
 * asked at launch, and a launch by image alias. The CLI runs in this process against the
 * session's core; the guest is checked through LXD's exec API.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src-main/cli/main';
import type { OpenedCore } from '../src-main/core/core';
import type { LxdDriver } from '../src-main/drivers/lxd/lxd-driver';
import { NO_VM_WARNING } from '../src-main/drivers/lxd/probe';
import { BerthSession } from './support/berth-session';
import { LXD_LOCK_WAIT_MS, lockLxd, lxdGuest } from './support/lxd-guest';
import { refusal } from './support/refusal';

const { image, reason } = await lxdGuest();
/** A launch here takes 5-15 s. */
const SLOW_MS = 120_000;
/** A bridge of the host's own, without addresses, made and removed by this suite. */
const BRIDGE = 'berthdev0';

describe.skipIf(image === null)(`real LXD mounts and NICs ${reason ?? ''}`, () => {
  let berth: BerthSession;
  let folder: string;
  let unlock: (() => Promise<void>) | null = null;

  const opened = () => berth.core as OpenedCore;
  const driver = () => opened().core.parts.registry.get('lxd') as LxdDriver;
  const ctx = (name: string) => opened().core.runtime().entry(name).ctx;
  const inGuest = (name: string, command: string) =>
    driver().exec(ctx(name), ['sh', '-c', command]);
  const lxdHas = async (name: string) => {
    const client = await driver().client();
    return (await client.raw('GET', client.withProject(`/1.0/instances/${name}`))).status === 200;
  };
  const listed = async () =>
    (await berth.call('instances.list', { includeDeleted: true })).instances.map((i) => i.name);
  const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const began = Date.now();
    const result = await work();
    process.stderr.write(`[berth e2e] ${what}: ${Date.now() - began} ms\n`);
    return result;
  };

  /** Runs `berth <argv>` in this process against the session's core. */
  const cli = async (argv: string[]) => {
    const printed = { out: '', err: '' };
    const code = await main(argv, {
      output: {
        out: (text) => {
          printed.out += text;
        },
        err: (text) => {
          printed.err += text;
        },
      },
      env: { BERTH_HOME: berth.dataDir },
      cwd: folder,
      // The session owns the data folder; the CLI borrows its core and must not close it.
      openCore: async () => ({ dispatcher: berth.core.dispatcher, close: async () => undefined }),
    });
    return { code, ...printed };
  };

  beforeAll(async () => {
    unlock = await lockLxd();
    berth = await BerthSession.open();
    await berth.call('settings.set', { key: 'local.driver', value: 'lxd' });
    folder = await mkdtemp(join(tmpdir(), 'berth-lxd-devices-'));
    // Unprivileged containers see host files as nobody: world-readable is what they can read.
    await chmod(folder, 0o755);
    await writeFile(join(folder, 'hello.txt'), 'from the host\n', { mode: 0o644 });
    await execa('ip', ['link', 'del', BRIDGE], { reject: false });
    await execa('ip', ['link', 'add', 'name', BRIDGE, 'type', 'bridge']);
  }, LXD_LOCK_WAIT_MS + 60_000);

  afterAll(async () => {
    await berth?.dispose();
    await execa('ip', ['link', 'del', BRIDGE], { reject: false });
    if (folder) await rm(folder, { recursive: true, force: true });
    await unlock?.();
  });

  it(
    'launches a container with --mount and shows the host file in the guest',
    async () => {
      if (!image) return;
      const argv = ['launch', image, '-n', 'devbox', '-m', '512M', '--container'];
      const launched = await timed('lxd launch with a mount, to running', () =>
        cli([...argv, '--mount', `${folder}:/mnt/host`]),
      );
      expect(launched.err).not.toContain('berth:');
      expect(launched.code).toBe(0);
      const cat = await inGuest('devbox', 'cat /mnt/host/hello.txt');
      expect(cat.stdout.trim()).toBe('from the host');
      expect(await berth.call('mounts.list', { instance: 'devbox' })).toEqual([
        { source: folder, target: '/mnt/host' },
      ]);
    },
    SLOW_MS,
  );

  it('adds a mount to the running container and removes it again', async () => {
    const extra = join(folder, 'extra');
    await execa('mkdir', ['-m', '755', extra]);
    await writeFile(join(extra, 'note.txt'), 'second\n', { mode: 0o644 });
    const changed = berth.waitForEvent('instance.changed', (p) => p.name === 'devbox', 10_000);
    const request = { instance: 'devbox', source: extra, target: '/mnt/extra' };
    const added = await timed('mount add on a running container', () =>
      berth.call('mounts.add', request),
    );
    expect(added).toEqual({ source: extra, target: '/mnt/extra' });
    await changed;
    expect((await inGuest('devbox', 'cat /mnt/extra/note.txt')).stdout.trim()).toBe('second');

    const removed = await timed('umount through the CLI', () =>
      cli(['umount', 'devbox:/mnt/extra']),
    );
    expect(removed).toMatchObject({ code: 0, out: 'Unmounted devbox:/mnt/extra\n' });
    expect((await inGuest('devbox', 'test -e /mnt/extra/note.txt')).code).not.toBe(0);
    const left = await berth.call('mounts.list', { instance: 'devbox' });
    expect(left.map((m) => m.target)).toEqual(['/mnt/host']);
  });

  it('adds a NIC on a host bridge, which the guest sees, and removes it', async () => {
    const added = await timed('NIC add on a running container', () =>
      cli(['network', 'add', 'devbox', BRIDGE]),
    );
    expect(added).toMatchObject({ code: 0, out: `Added eth1 to devbox on ${BRIDGE}\n` });
    const link = await inGuest('devbox', 'ip -o link show eth1');
    expect(link.code).toBe(0);
    expect(link.stdout).toContain('eth1');

    const info = await cli(['info', 'devbox']);
    expect(info.out).toMatch(/Mounts: +.* => \/mnt\/host\n/);
    expect(info.out).toContain(`eth1 on ${BRIDGE}`);

    await berth.call('networks.remove', { instance: 'devbox', nic: 'eth1' });
    expect((await inGuest('devbox', 'ip link show eth1')).code).not.toBe(0);
    expect(await berth.call('networks.list', { instance: 'devbox' })).toEqual([]);
  });

  it('refuses a missing bridge and a missing folder, changing nothing', async () => {
    const nic = await refusal(
      berth.call('networks.add', { instance: 'devbox', bridge: 'nobridge9' }),
    );
    expect(nic).toMatchObject({ code: 'INVALID_INPUT' });
    expect(nic.message).toContain('There is no bridge "nobridge9"');
    const missing = join(folder, 'missing');
    const mount = await refusal(
      berth.call('mounts.add', { instance: 'devbox', source: missing, target: '/mnt/m' }),
    );
    expect(mount.message).toContain('is not a folder on this computer');
    expect(await berth.call('networks.list', { instance: 'devbox' })).toEqual([]);
    expect(await berth.call('mounts.list', { instance: 'devbox' })).toHaveLength(1);
  });

  it("refuses a virtual machine here with the probe's reason, leaving nothing", async () => {
    if (!image) return;
    const lxd = (await berth.call('drivers.list', {})).find((d) => d.id === 'lxd');
    if (lxd?.instanceTypes.includes('virtual-machine')) return; // this server could run it
    const request = { name: 'vm', image, type: 'virtual-machine' as const };
    const error = await refusal(berth.call('instances.launch', request));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toBe(`LXD cannot launch a virtual machine here: ${NO_VM_WARNING}`);
    expect(await lxdHas('vm')).toBe(false);
    expect(await listed()).not.toContain('vm');
  });

  it(
    "fails a launch by alias with LXD's own error, leaving nothing",
    async () => {
      // No route to the image servers here: LXD's download fails, and says why.
      const error = await timed('alias launch failing without network', () =>
        refusal(berth.call('instances.launch', { name: 'aliased', image: 'images:debian/12' })),
      );
      expect(error.code).toBe('HYPERVISOR_ERROR');
      expect(error.message).toContain(
        'LXD refused to create the container aliased from images:debian/12: ',
      );
      expect(error.message).toContain('images.linuxcontainers.org');
      expect(await lxdHas('aliased')).toBe(false);
      expect(await listed()).not.toContain('aliased');
    },
    SLOW_MS,
  );

  it(
    'keeps its devices across a stop and a start',
    async () => {
      await berth.call('instances.stop', { name: 'devbox' });
      const mount = { instance: 'devbox', source: folder, target: '/mnt/again' };
      await berth.call('mounts.add', mount);
      await berth.call('instances.start', { name: 'devbox' });
      const cat = await inGuest('devbox', 'cat /mnt/host/hello.txt /mnt/again/hello.txt');
      expect(cat.stdout).toBe('from the host\nfrom the host\n');
    },
    SLOW_MS,
  );
});
