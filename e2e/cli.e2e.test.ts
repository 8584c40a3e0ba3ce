/**
 * The `berth` command as a user runs it, against real QEMU: a daemon owns the data folder,
 * other commands talk to it over the local socket, and bad input exits with its code and
 * message before anything is created.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyGuest } from './support/guests';

const { guest, reason } = tinyGuest();
const berthBin = resolve(import.meta.dirname, '..', 'bin', 'berth.mjs');

describe.skipIf(guest === null)(`the berth CLI on real QEMU ${reason ?? ''}`, () => {
  let home: string;
  let daemon: ResultPromise;
  const berth = (...args: string[]) =>
    execa(process.execPath, [berthBin, ...args], {
      env: { BERTH_HOME: home },
      reject: false,
      timeout: 120_000,
    });

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'berth-cli-'));
    daemon = execa(process.execPath, [berthBin, 'daemon'], { env: { BERTH_HOME: home } });
    daemon.catch(() => undefined);
    for (let i = 0; i < 100 && !existsSync(join(home, 'berth.sock')); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await berth('delete', 'cli-vm', '--purge');
    daemon?.kill('SIGTERM');
    await daemon?.catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  });

  it('launches, lists, stops and deletes through the daemon', async () => {
    if (!guest) return;
    const launched = await berth(
      'launch',
      guest.disk,
      '--name',
      'cli-vm',
      '--memory',
      '512M',
      '--disk',
      '1G',
      '--kernel',
      guest.kernel,
      '--initrd',
      guest.initrd,
      '--cmdline',
      guest.cmdline,
    );
    expect(launched.stderr).toContain('Waiting for cli-vm to answer SSH');
    expect(launched.exitCode).toBe(0);
    const listed = await berth('list', '--format', 'json');
    const parsed = JSON.parse(String(listed.stdout));
    expect(JSON.stringify(parsed)).toContain('"state":"running"');
    const info = await berth('info', 'cli-vm');
    expect(info.stdout).toMatch(/ssh -i .* -p \d+ ubuntu@127\.0\.0\.1/);
    expect((await berth('stop', 'cli-vm')).exitCode).toBe(0);
    expect((await berth('suspend', 'cli-vm')).exitCode).toBe(4);
    expect((await berth('delete', 'cli-vm')).exitCode).toBe(0);
    expect(String((await berth('list', '--deleted')).stdout)).toContain('Deleted');
  });

  it('refuses bad input with exit 2, creating nothing', async () => {
    const before = await readdir(home, { recursive: true });
    const badName = await berth('launch', guest?.disk ?? 'x', '--name', '$(reboot)');
    expect(badName.exitCode).toBe(2);
    expect(badName.stderr).toContain('must start with a letter');
    const tiny = await berth('launch', guest?.disk ?? 'x', '--memory', '10M');
    expect(tiny.exitCode).toBe(2);
    expect(tiny.stderr).toContain('at least 512MiB');
    const driver = await berth('set', 'local.driver=xen');
    expect(driver.exitCode).toBe(2);
    expect((await berth('info', 'nope')).exitCode).toBe(3);
    expect(await readdir(home, { recursive: true })).toEqual(before);
  });
});
