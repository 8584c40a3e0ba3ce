// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SwitchPreview } from '../../src-shared/api';
import { activateTarget } from '../testing/active-target';
import { FakeTransport } from '../testing/fake-transport';
import { fakeRemoteDriver, linuxDrivers } from '../testing/fixtures';
import { renderApp } from '../testing/render-app';

afterEach(cleanup);

const withLab = () => [...linuxDrivers(), fakeRemoteDriver('lab', { instanceCount: 2 })];

function previewTo(driver: string): SwitchPreview {
  return { from: 'qemu', to: driver, sameScope: false, items: [], summary: 'Nothing to park.' };
}

describe('the driver picker', () => {
  it('lists a remote server as its own scope, under Remote servers, with its URL', async () => {
    const fake = new FakeTransport();
    fake.handle('drivers.list', withLab);
    await renderApp(fake);
    fireEvent.click(screen.getByTestId('driver-picker'));

    const remotes = await screen.findByRole('group', { name: 'Remote servers' });
    const lab = within(remotes).getByTestId('driver-option-lxd@lab');
    expect(lab.textContent).toContain('LXD @ lab');
    expect(lab.textContent).toContain('https://lab.example:8443');
    expect(lab.textContent).toContain('2 instances in scope lxd@lab');
    const local = screen.getByRole('group', { name: 'This computer' });
    expect(within(local).getByTestId('driver-option-lxd').textContent).not.toContain('@');
  });

  it('switches to a remote through the preview, with the target, not the driver id', async () => {
    const fake = new FakeTransport();
    fake.handle('drivers.list', withLab);
    fake.handle('drivers.preview', ({ driver }) => previewTo(driver));
    fake.handle('settings.set', (p) => {
      activateTarget(fake, p.value, withLab());
      return p;
    });
    await renderApp(fake);
    fireEvent.click(screen.getByTestId('driver-picker'));
    fireEvent.click(await screen.findByTestId('driver-option-lxd@lab'));

    const dialog = await screen.findByTestId('driver-preview');
    expect(dialog.textContent).toContain('Switch to LXD @ lab?');
    expect(fake.callsOf('drivers.preview')).toEqual([{ driver: 'lxd@lab' }]);
    await waitFor(() =>
      expect(screen.getByTestId('driver-preview-confirm').getAttribute('aria-disabled')).toBeNull(),
    );
    fireEvent.click(screen.getByTestId('driver-preview-confirm'));

    await waitFor(() => expect(screen.queryByTestId('driver-preview')).toBeNull());
    expect(fake.callsOf('settings.set')).toEqual([{ key: 'local.driver', value: 'lxd@lab' }]);
    expect(screen.getByTestId('driver-picker').textContent).toContain('LXD @ lab');
    expect(screen.getByTestId('active-scope').textContent).toContain('lxd@lab');
  });

  it('marks only the active entry where a remote and this computer share LXD', async () => {
    const fake = new FakeTransport();
    activateTarget(fake, 'lxd@lab', withLab());
    await renderApp(fake);
    fireEvent.click(screen.getByTestId('driver-picker'));

    const checked = await screen.findAllByRole('menuitemradio', { checked: true });
    expect(checked.map((option) => option.dataset.testid)).toEqual(['driver-option-lxd@lab']);
    fireEvent.click(screen.getByTestId('driver-option-lxd'));
    expect(fake.callsOf('drivers.preview')).toEqual([{ driver: 'lxd' }]);
  });

  it('leads to Settings to add a remote when there is none', async () => {
    await renderApp(new FakeTransport());
    fireEvent.click(screen.getByTestId('driver-picker'));
    const add = await screen.findByTestId('driver-manage-remotes');
    expect(add.textContent).toBe('Add a remote LXD server…');
    fireEvent.click(add);
    expect(await screen.findByTestId('remotes')).toBeTruthy();
  });

  it('offers remote targets in the settings select, and previews the one chosen', async () => {
    const fake = new FakeTransport();
    fake.handle('drivers.list', withLab);
    await renderApp(fake);
    fireEvent.click(screen.getByTestId('nav-settings'));
    const select = (await screen.findByTestId('setting-local.driver')) as HTMLSelectElement;
    const group = select.querySelector('optgroup');
    expect(group?.label).toBe('Remote servers');
    expect(group?.textContent).toBe('LXD @ lab');

    fireEvent.change(select, { target: { value: 'lxd@lab' } });
    await screen.findByTestId('driver-preview');
    expect(fake.callsOf('drivers.preview')).toEqual([{ driver: 'lxd@lab' }]);
    expect(select.value).toBe('qemu');
  });
});
