import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../src-shared/errors';
import { type LocalSocketServer, serveLocalSocket } from '../transports/local-socket-server';
import { socketPathFor } from '../transports/socket-path';
import { createFakeCore, fakeInstance } from '../transports/testing/fake-core';
import { createHarness, type Harness, waitFor } from './testing/harness';

let h: Harness;
let otherOwner: LocalSocketServer | null = null;

afterEach(async () => {
  await otherOwner?.close();
  otherOwner = null;
  await h.dispose();
});

describe('finding the owner', () => {
  it('lets a concurrent berth use the socket served by a command that owns the core', async () => {
    let finish: () => void = () => undefined;
    h = await createHarness(() => ({
      'instances.start': async ({ name }) => {
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
        return fakeInstance(name, { state: 'running' });
      },
    }));
    h.core.instances.set('web', fakeInstance('web'));

    const starting = h.run(['start', 'web']);
    await waitFor(() => h.core.dispatched.some((d) => d.method === 'instances.start'));
    expect(await h.run(['list'])).toBe(0);
    expect(h.stdout).toContain('web ');
    expect(h.opened).toHaveLength(1);

    finish();
    expect(await starting).toBe(0);
  });

  it('retries connecting when another process has just become the owner', async () => {
    h = await createHarness();
    const owner = createFakeCore();
    owner.instances.set('theirs', fakeInstance('theirs'));
    h.openCore = async (options) => {
      h.opened.push(options);
      if (!otherOwner) {
        const path = socketPathFor(h.dataDir);
        otherOwner = await serveLocalSocket(owner.dispatcher, path, { dataDir: h.dataDir });
      }
      throw new BerthError('BUSY', 'The data directory is locked by pid 4242');
    };

    expect(await h.run(['list'])).toBe(0);
    expect(h.stdout).toContain('theirs');
    expect(h.opened).toHaveLength(1);
  });

  it('gives up with exit 1 when the owner never answers', async () => {
    h = await createHarness();
    h.openCore = async () => {
      throw new BerthError('BUSY', 'The data directory is locked by pid 4242');
    };
    expect(await h.run(['list'])).toBe(1);
    expect(h.stderr).toBe(
      [
        `berth: Another Berth process owns ${h.dataDir} but does not answer`,
        '  The data directory is locked by pid 4242',
        '  If that process is stuck, end it and run the command again.',
        '',
      ].join('\n'),
    );
  });
});

describe('berth daemon and version', () => {
  it('serves until terminated, and version reports the owner meanwhile', async () => {
    h = await createHarness();
    expect(await h.run(['version'])).toBe(0);
    expect(h.stdout).toBe('berth        0.1.0\n');
    expect(h.opened).toEqual([]);

    const serving = h.run(['daemon']);
    await waitFor(() => h.stdout.includes('Serving'));
    expect(h.stdout).toContain(`on ${socketPathFor(h.dataDir)}\n`);
    expect(await h.run(['version'])).toBe(0);
    expect(h.stdout).toMatch(/berth owner {2}0\.0\.0-fake \(pid \d+\)\n$/);
    expect(await h.run(['daemon'])).toBe(1);
    expect(h.stderr).toContain(`berth: Another Berth process already owns ${h.dataDir}`);

    h.terminate();
    expect(await serving).toBe(0);
    expect(h.core.closed).toBe(true);
    expect(h.opened).toHaveLength(1);
  });
});
