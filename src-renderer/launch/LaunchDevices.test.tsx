// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriverInfo } from '../../src-shared/api';
import { deviceBlockReason } from '../../src-shared/predicates';
import { activateTarget } from '../testing/active-target';
import { FakeTransport } from '../testing/fake-transport';
import { fakeRemoteDriver, lxdActiveDrivers } from '../testing/fixtures';
import { renderApp } from '../testing/render-app';

afterEach(cleanup);

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

async function openDialog(fake: FakeTransport) {
  await renderApp(fake);
  fireEvent.click(screen.getByTestId('launch-open'));
  await waitFor(() =>
    expect((screen.getByTestId('launch-name') as HTMLInputElement).value).toBe('brisk-heron'),
  );
  type('launch-image', '/images/box.tar.xz');
}

function onLxd(extra: Partial<DriverInfo> = {}) {
  const fake = new FakeTransport();
  activateTarget(fake, 'lxd', lxdActiveDrivers(extra));
  fake.handle('instances.launch', () => new Promise(() => undefined));
  return fake;
}

const launched = (fake: FakeTransport) => fake.callsOf('instances.launch')[0];
const NEW_INSTANCE = { state: 'stopped', deleted: false } as const;

describe('the launch dialog on drivers with types, mounts and networks', () => {
  it('offers container or VM where LXD runs both, and sends the one chosen', async () => {
    const fake = onLxd();
    await openDialog(fake);
    const container = screen.getByTestId('launch-type-container') as HTMLInputElement;
    expect(container.checked).toBe(true);

    fireEvent.click(screen.getByTestId('launch-type-virtual-machine'));
    fireEvent.click(screen.getByTestId('launch-submit'));
    expect(launched(fake)).toMatchObject({ type: 'virtual-machine' });
  });

  it('says why when the server offers one type, and leaves the choice to the image', async () => {
    const fake = onLxd({ instanceTypes: ['container'] });
    await openDialog(fake);
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByTestId('launch-type').textContent).toContain(
      'runs containers only: the server reports no support for virtual machines',
    );
    fireEvent.click(screen.getByTestId('launch-submit'));
    expect(launched(fake)).not.toHaveProperty('type');
  });

  it('sends the mount and network rows as arrays, ignoring rows left empty', async () => {
    const fake = onLxd();
    await openDialog(fake);
    fireEvent.click(screen.getByTestId('launch-mount-add'));
    type('launch-mount-0-source', '/home/me/src');
    type('launch-mount-0-target', '/mnt/src');
    fireEvent.click(screen.getByTestId('launch-mount-add'));
    fireEvent.click(screen.getByTestId('launch-network-add'));
    type('launch-network-0-bridge', 'br0');
    fireEvent.click(screen.getByTestId('launch-submit'));

    expect(launched(fake)).toMatchObject({
      mounts: [{ source: '/home/me/src', target: '/mnt/src' }],
      networks: [{ bridge: 'br0' }],
    });
  });

  it('holds the launch while a row is wrong, and says what is wrong', async () => {
    const fake = onLxd();
    await openDialog(fake);
    fireEvent.click(screen.getByTestId('launch-mount-add'));
    type('launch-mount-0-source', 'src');
    fireEvent.click(screen.getByTestId('launch-network-add'));
    type('launch-network-0-bridge', 'a/b');
    fireEvent.click(screen.getByTestId('launch-submit'));

    expect(fake.callsOf('instances.launch')).toHaveLength(0);
    const text = screen.getByTestId('launch-dialog').textContent ?? '';
    expect(text).toContain('Give the full path of the folder');
    expect(text).toContain('Give the path in the instance');
    expect(text).toContain('Letters, digits, dots, dashes and underscores only');

    fireEvent.click(screen.getByTestId('launch-mount-0-remove'));
    fireEvent.click(screen.getByTestId('launch-network-0-remove'));
    fireEvent.click(screen.getByTestId('launch-submit'));
    expect(launched(fake)).not.toHaveProperty('mounts');
  });

  it('keeps mounts and networks visible but refused under QEMU, with the reason', async () => {
    const fake = new FakeTransport();
    fake.handle('instances.launch', () => new Promise(() => undefined));
    await openDialog(fake);
    for (const [action, id] of [
      ['mount', 'launch-mount-add'],
      ['network', 'launch-network-add'],
    ] as const) {
      const reason = deviceBlockReason(action, NEW_INSTANCE, 'qemu', false) ?? '';
      const button = screen.getByTestId(id);
      expect(reason).not.toBe('');
      expect(button.getAttribute('aria-disabled')).toBe('true');
      expect(button.getAttribute('title')).toBe(reason);
      expect(screen.getByTestId(`launch-${action}s`).textContent).toContain(reason);
      fireEvent.click(button);
    }
    expect(screen.queryByTestId('launch-mount-0-source')).toBeNull();
    expect(screen.getByTestId('launch-type').textContent).toContain('virtual machines only');
    fireEvent.click(screen.getByTestId('launch-submit'));
    expect(launched(fake)).not.toHaveProperty('type');
  });

  it('refuses mounts on a remote server but still offers networks', async () => {
    const fake = new FakeTransport();
    activateTarget(fake, 'lxd@lab', [...lxdActiveDrivers(), fakeRemoteDriver('lab')]);
    await openDialog(fake);
    const reason = deviceBlockReason('mount', NEW_INSTANCE, 'lxd', true);
    expect(screen.getByTestId('launch-mount-add').getAttribute('title')).toBe(reason);
    expect(screen.getByTestId('launch-network-add').getAttribute('aria-disabled')).toBeNull();
    expect(document.getElementById('launch-image-hint')?.textContent).toContain('uploaded');
  });
});
