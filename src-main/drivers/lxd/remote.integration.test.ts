/**
 * The LXD driver against a remote server over HTTPS: the local daemon exposed on
 * 127.0.0.1:8443, added with a trust token made by `lxc config trust add`, then a container's
 * life through that path (create, events over wss, exec readiness, stop, delete).
 * Skips with the reason when LXD or its test image is missing, except in CI, where it fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { LXD_LOCK_WAIT_MS, lockLxd, lxdGuest } from '../../../e2e/support/lxd-guest';
import { silentLogger } from '../../core/logger';
import type { DriverContext, DriverEvent } from '../driver';
import { createLxdDriver, type LxdDriver } from './lxd-driver';
import { probeLxd } from './probe';
import { addRemote, decodeTrustToken } from './remote';
import { LxdClient, type RemoteEndpoint } from './rest-client';

const { image, reason } = await lxdGuest();
const ADDRESS = '127.0.0.1:8443';
const URL = `https://${ADDRESS}`;
const local = new LxdClient(
  (await probeLxd()).endpoint ?? { socketPath: '/var/lib/lxd/unix.socket' },
);
const serverConfigSchema = z.object({ config: z.record(z.string(), z.string()).default({}) });

/** A fresh trust token from the server, as an administrator would make it. */
async function makeToken(name: string): Promise<string> {
  const { stdout } = await execa('lxc', ['config', 'trust', 'add', '--name', name]);
  return stdout.trim().split('\n').at(-1) ?? '';
}

describe.skipIf(image === null)(`LXD driver on a remote server over HTTPS ${reason ?? ''}`, () => {
  let previousAddress = '';
  let endpoint: RemoteEndpoint;
  let driver: LxdDriver;
  let dir: string;
  const events: DriverEvent[] = [];
  let ctx: DriverContext;

  let unlock: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    unlock = await lockLxd();
    previousAddress =
      (await local.get('/1.0', serverConfigSchema)).config['core.https_address'] ?? '';
    await local.run('PATCH', '/1.0', { json: { config: { 'core.https_address': ADDRESS } } });
    dir = await mkdtemp(join(tmpdir(), 'berth-lxd-remote-'));
    const spec = {
      name: 'remote-box',
      cpus: 1,
      memoryBytes: 512 * 1024 ** 2,
      diskBytes: 5 * 1024 ** 3,
      bootKind: 'disk' as const,
      macAddress: '52:54:00:00:00:02',
    };
    ctx = { spec, dir, log: silentLogger, onEvent: (event) => events.push(event) };
  }, LXD_LOCK_WAIT_MS + 60_000);

  afterAll(async () => {
    await driver?.destroy(ctx).catch(() => undefined);
    if (driver) driver.detach(ctx);
    const certificates = await local.get(
      '/1.0/certificates?recursion=1',
      z.array(z.object({ fingerprint: z.string(), name: z.string() })),
    );
    for (const name of ['berth-test-wrong-server', 'berth-test-unknown']) {
      await execa('lxc', ['config', 'trust', 'revoke-token', name], { reject: false });
    }
    for (const certificate of certificates.filter((c) => c.name.startsWith('berth-test'))) {
      await local.run('DELETE', `/1.0/certificates/${certificate.fingerprint}`);
    }
    await local.run('PATCH', '/1.0', {
      json: { config: { 'core.https_address': previousAddress } },
    });
    await rm(dir, { recursive: true, force: true });
    await unlock?.();
  });

  it('refuses a token made for another server, before trusting anything', async () => {
    const token = await makeToken('berth-test-wrong-server');
    const decoded = decodeTrustToken(token);
    const forged = Buffer.from(
      JSON.stringify({ ...decoded, fingerprint: 'f'.repeat(64) }),
    ).toString('base64');
    await expect(addRemote(URL, forged, 'berth-test-forged')).rejects.toThrow(
      /not the one this trust token was made on/,
    );
  });

  it('refuses a token the server does not know', async () => {
    const decoded = decodeTrustToken(await makeToken('berth-test-unknown'));
    const wrongSecret = Buffer.from(
      JSON.stringify({ ...decoded, secret: '0'.repeat(64) }),
    ).toString('base64');
    await expect(addRemote(URL, wrongSecret, 'berth-test-unknown')).rejects.toThrow(
      /refused the trust token/,
    );
  });

  it('adds the server with a trust token and probes it over HTTPS', async () => {
    endpoint = await addRemote(URL, await makeToken('berth-test'), 'berth-test');
    driver = createLxdDriver({ endpoint });
    const probe = await driver.probe();
    expect(probe).toMatchObject({ available: true });
  });

  it('runs a container through the remote path, with events over wss', async () => {
    if (!image) return;
    await driver.create(ctx, { disk: image }, '', () => undefined, AbortSignal.timeout(300_000));
    expect(await driver.attach(ctx)).toBe('stopped');
    await driver.start(ctx, AbortSignal.timeout(60_000));
    await driver.readiness?.waitReady(ctx, 60_000, AbortSignal.timeout(60_000));
    const hostname = await driver.exec(ctx, ['hostname']);
    expect(hostname.stdout.trim()).toBe('remote-box');
    expect(driver.eventsConnected()).toBe(true);
    expect(events.map((e) => e.kind)).toContain('running');

    expect(await driver.shutdown(ctx, 30_000, AbortSignal.timeout(60_000))).toBe(true);
    await waitFor(() => events.at(-1)?.kind === 'exited');
    await driver.destroy(ctx);
    expect(await (await driver.client()).find('/1.0/instances/remote-box', z.unknown())).toBeNull();
  }, 180_000);
});

async function waitFor(test: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
