import { afterEach, describe, expect, it } from 'vitest';
import type { RemoteInfo } from '../../../src-shared/api';
import { BerthError } from '../../../src-shared/errors';
import { createHarness, type Harness } from '../testing/harness';

let h: Harness;
afterEach(async () => {
  await h.dispose();
});

const lab: RemoteInfo = {
  name: 'lab',
  driver: 'lxd',
  url: 'https://10.0.0.5:8443',
  target: 'lxd@lab',
  serverFingerprint: 'ab12'.repeat(16),
  addedAt: '2026-12-04T08:00:00.000Z',
};

/** A core whose remotes live in a list, refusing what the real one refuses. */
async function withRemotes(remotes: RemoteInfo[]) {
  return createHarness(() => ({
    'remotes.list': async () => remotes,
    'remotes.add': async ({ name, url }) => {
      const added = { ...lab, name, url, target: `lxd@${name}` };
      remotes.push(added);
      return added;
    },
    'remotes.remove': async ({ name, force }) => {
      if (!force) throw new BerthError('INVALID_STATE', `The remote "${name}" has 1 instance`);
      return { ok: true };
    },
  }));
}

describe('berth remote', () => {
  it('adds a remote and says how to select it', async () => {
    h = await withRemotes([]);
    expect(await h.run(['remote', 'add', 'lab', 'https://10.0.0.5:8443', 'tok'])).toBe(0);
    expect(h.stdout).toContain('berth set local.driver=lxd@lab');
    const call = h.core.dispatched.find((d) => d.method === 'remotes.add');
    expect(call?.params).toEqual({ name: 'lab', url: 'https://10.0.0.5:8443', token: 'tok' });
  });

  it('lists remotes as a table with a short fingerprint', async () => {
    h = await withRemotes([lab]);
    expect(await h.run(['remote', 'list'])).toBe(0);
    expect(h.stdout).toContain('lab   lxd@lab  https://10.0.0.5:8443  ab12ab12ab12  2026-12-04');
  });

  it('passes a refusal on and removes with --force', async () => {
    h = await withRemotes([lab]);
    expect(await h.run(['remote', 'remove', 'lab'])).not.toBe(0);
    expect(h.stderr).toContain('has 1 instance');
    expect(await h.run(['remote', 'remove', 'lab', '--force'])).toBe(0);
    expect(h.stdout).toContain('its instances stay on the server');
  });

  it('explains a missing action', async () => {
    h = await withRemotes([]);
    expect(await h.run(['remote'])).not.toBe(0);
    expect(h.stderr).toContain('Say add, list, remove or certificate');
  });
});
