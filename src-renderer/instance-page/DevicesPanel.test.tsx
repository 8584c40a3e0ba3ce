// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { InstanceInfo } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import { deviceBlockReason } from '../../src-shared/predicates';
import { activateTarget } from '../testing/active-target';
import { FakeTransport } from '../testing/fake-transport';
import { fakeInstance, lxdActiveDrivers } from '../testing/fixtures';
import { renderApp } from '../testing/render-app';

afterEach(cleanup);

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

function lxdBox(extra: Partial<InstanceInfo> = {}) {
  const box = fakeInstance('box', { scope: 'lxd', instanceType: 'container', ...extra });
  const fake = new FakeTransport({ instances: [box] });
  activateTarget(fake, 'lxd', lxdActiveDrivers());
  fake.extras.mounts.box = [{ source: '/srv/data', target: '/mnt/data' }];
  fake.extras.networks.box = [{ bridge: 'br0', nic: 'eth1' }];
  return fake;
}

async function openPage(fake: FakeTransport, name = 'box') {
  const app = await renderApp(fake);
  act(() => app.berth.ui.getState().show({ page: 'instance', name }));
  return { ...app, panel: screen.getByTestId('devices-panel') };
}

describe('the mounts and networks panel', () => {
  it('lists the mounts and extra NICs the core reports', async () => {
    const { panel } = await openPage(lxdBox());
    expect(panel.textContent).toContain('Mounts & networks');
    expect((await screen.findByTestId('mount-/mnt/data')).textContent).toContain(
      '/srv/data → /mnt/data',
    );
    expect((await screen.findByTestId('network-eth1')).textContent).toContain('eth1 on bridge br0');
  });

  it('adds and removes a mount, then reads the list again', async () => {
    const fake = lxdBox();
    await openPage(fake);
    await screen.findByTestId('mount-/mnt/data');
    type('mount-source', '/home/me/src');
    type('mount-target', '/mnt/data');
    fireEvent.click(screen.getByTestId('mount-add'));
    expect(screen.getByTestId('mounts').textContent).toContain('Something is already mounted');
    expect(fake.callsOf('mounts.add')).toHaveLength(0);

    type('mount-target', '/mnt/src');
    fireEvent.click(screen.getByTestId('mount-add'));
    await screen.findByTestId('mount-/mnt/src');
    expect(fake.callsOf('mounts.add')).toEqual([
      { instance: 'box', source: '/home/me/src', target: '/mnt/src' },
    ]);
    expect((screen.getByTestId('mount-source') as HTMLInputElement).value).toBe('');

    fireEvent.click(screen.getByTestId('mount-/mnt/data-remove'));
    await waitFor(() => expect(screen.queryByTestId('mount-/mnt/data')).toBeNull());
    expect(fake.callsOf('mounts.remove')).toEqual([{ instance: 'box', target: '/mnt/data' }]);
  });

  it('adds a NIC on a bridge and removes one', async () => {
    const fake = lxdBox();
    await openPage(fake);
    await screen.findByTestId('network-eth1');
    type('network-bridge', 'lxdbr1');
    fireEvent.click(screen.getByTestId('network-add'));
    expect((await screen.findByTestId('network-eth2')).textContent).toContain('lxdbr1');

    fireEvent.click(screen.getByTestId('network-eth1-remove'));
    await waitFor(() => expect(screen.queryByTestId('network-eth1')).toBeNull());
    expect(fake.callsOf('networks.remove')).toEqual([{ instance: 'box', nic: 'eth1' }]);
  });

  it('gates every button while the instance is starting, with the reason', async () => {
    await openPage(lxdBox({ state: 'starting' }));
    const reason = deviceBlockReason('mount', { state: 'starting', deleted: false }, 'lxd', false);
    for (const id of ['mount-add', 'mount-/mnt/data-remove', 'network-add']) {
      const button = await screen.findByTestId(id);
      expect(button.getAttribute('aria-disabled')).toBe('true');
      expect(button.getAttribute('title')).toBe(reason);
    }
  });

  it('under QEMU says why, refuses the buttons, and asks the core for nothing', async () => {
    const fake = new FakeTransport({ instances: [fakeInstance('web')] });
    await openPage(fake, 'web');
    const settled = { state: 'stopped', deleted: false } as const;
    const mountReason = deviceBlockReason('mount', settled, 'qemu', false) ?? '';
    expect(screen.getByTestId('mounts').textContent).toContain(mountReason);
    expect(screen.getByTestId('mount-add').getAttribute('title')).toBe(mountReason);
    expect(screen.getByTestId('network-add').getAttribute('aria-disabled')).toBe('true');
    expect(fake.callsOf('mounts.list')).toHaveLength(0);
    expect(fake.callsOf('networks.list')).toHaveLength(0);
  });

  it('shows a core that cannot list them yet, and notifies a refused change', async () => {
    const fake = lxdBox();
    const notBuilt = () => {
      throw new BerthError('UNSUPPORTED', 'Not built yet');
    };
    fake.handle('mounts.list', notBuilt);
    fake.handle('networks.add', notBuilt);
    await openPage(fake);
    expect((await screen.findByText(/Could not list the mounts/)).textContent).toContain(
      'Not built yet',
    );

    type('network-bridge', 'br1');
    fireEvent.click(screen.getByTestId('network-add'));
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('Could not add a network on br1 to box');
    expect(notice.textContent).toContain('Not built yet');
    expect(within(screen.getByTestId('networks')).getByTestId('network-eth1')).toBeTruthy();
  });
});
