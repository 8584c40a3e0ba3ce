// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../src-shared/errors';
import { activateTarget } from '../testing/active-target';
import { fakeRemote } from '../testing/fake-extras';
import { FakeTransport } from '../testing/fake-transport';
import { fakeRemoteDriver, linuxDrivers } from '../testing/fixtures';
import { renderApp } from '../testing/render-app';

afterEach(cleanup);

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

async function openSettings(fake: FakeTransport) {
  const app = await renderApp(fake);
  fireEvent.click(screen.getByTestId('nav-settings'));
  await screen.findByTestId('remotes');
  return app;
}

function withLab(instanceCount = 0) {
  const fake = new FakeTransport();
  fake.extras.remotes.push(fakeRemote('lab'));
  fake.handle('drivers.list', () => [
    ...linuxDrivers(),
    fakeRemoteDriver('lab', { instanceCount }),
  ]);
  return fake;
}

describe('the remote servers setting', () => {
  it('says there are none, then adds one with a pasted token', async () => {
    const fake = new FakeTransport();
    await openSettings(fake);
    expect(screen.getByTestId('remotes-empty').textContent).toBe('No remote servers yet.');

    fireEvent.click(screen.getByTestId('remote-add-open'));
    expect(screen.getByText(/lxc config trust add/)).toBeTruthy();
    type('remote-add-name', 'Lab');
    type('remote-add-url', 'http://lab.example:8443');
    fireEvent.click(screen.getByTestId('remote-add-submit'));
    expect(document.getElementById('remote-add-name-problem')?.textContent).toMatch(/lower-case/);
    expect(document.getElementById('remote-add-url-problem')?.textContent).toMatch(/https/);
    expect(fake.callsOf('remotes.add')).toHaveLength(0);

    type('remote-add-name', 'lab');
    type('remote-add-url', 'https://lab.example:8443/');
    type('remote-add-token', 'eyJjbGllbnRf\nbmFtZSI6ImJlcnRoIn0=\n');
    fireEvent.click(screen.getByTestId('remote-add-submit'));

    const row = await screen.findByTestId('remote-lab');
    expect(fake.callsOf('remotes.add')).toEqual([
      { name: 'lab', url: 'https://lab.example:8443', token: 'eyJjbGllbnRfbmFtZSI6ImJlcnRoIn0=' },
    ]);
    expect(row.textContent).toContain('https://lab.example:8443');
    expect(row.textContent).toContain('3f9a 1c0b e2d4…');
    expect(screen.queryByTestId('remote-add-submit')).toBeNull();
  });

  it('adds one by fingerprint, showing Berth’s certificate to trust on the server', async () => {
    const fake = new FakeTransport();
    await openSettings(fake);
    fireEvent.click(screen.getByTestId('remote-add-open'));
    type('remote-add-name', 'lab');
    type('remote-add-url', 'https://lab.example:8443');
    const way = screen.getByDisplayValue('fingerprint');
    fireEvent.click(way);
    expect((await screen.findByTestId('berth-certificate')).textContent).toContain('c0ffee');
    type('remote-add-fingerprint', 'AB:CD');
    fireEvent.click(screen.getByTestId('remote-add-submit'));
    expect(document.getElementById('remote-add-fingerprint-problem')?.textContent).toMatch(/64/);
    type('remote-add-fingerprint', 'AB'.repeat(32));
    fireEvent.click(screen.getByTestId('remote-add-submit'));
    await screen.findByTestId('remote-lab');
    expect(fake.callsOf('remotes.add')).toEqual([
      { name: 'lab', url: 'https://lab.example:8443', fingerprint: 'ab'.repeat(32) },
    ]);
  });

  it('keeps the form and shows why when the server refuses the token', async () => {
    const fake = new FakeTransport();
    fake.handle('remotes.add', () => {
      const message = 'The LXD server at https://lab.example:8443 refused the trust token';
      throw new BerthError('INVALID_INPUT', `${message} (not authorized)`);
    });
    await openSettings(fake);
    fireEvent.click(screen.getByTestId('remote-add-open'));
    type('remote-add-name', 'lab');
    type('remote-add-url', 'https://lab.example:8443');
    type('remote-add-token', 'stale');
    fireEvent.click(screen.getByTestId('remote-add-submit'));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('refused the trust token (not authorized)');
    expect((screen.getByTestId('remote-add-token') as HTMLTextAreaElement).value).toBe('stale');
  });

  it('removes a remote after a question that says its instances stay on the server', async () => {
    const fake = withLab(2);
    await openSettings(fake);
    fireEvent.click(await screen.findByTestId('remote-lab-remove'));

    const question = screen.getByTestId('confirm').textContent ?? '';
    expect(question).toContain('stay on the server');
    expect(question).toContain('Berth lists 2 instances there');
    fireEvent.click(screen.getByTestId('confirm-ok'));

    await waitFor(() => expect(screen.queryByTestId('remote-lab')).toBeNull());
    expect(fake.callsOf('remotes.remove')).toEqual([{ name: 'lab', force: true }]);
  });

  it('shows the reason the core gives when it refuses the removal', async () => {
    const fake = withLab();
    const reason = 'lxd@lab is the active driver; switch to another driver before removing it';
    fake.handle('remotes.remove', () => {
      throw new BerthError('INVALID_STATE', reason);
    });
    await openSettings(fake);
    fireEvent.click(await screen.findByTestId('remote-lab-remove'));
    fireEvent.click(screen.getByTestId('confirm-ok'));

    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('Could not remove the remote lab');
    expect(notice.textContent).toContain(reason);
    expect(fake.callsOf('remotes.remove')).toEqual([{ name: 'lab' }]);
    expect(screen.getByTestId('remote-lab')).toBeTruthy();
  });

  it('refuses to remove the active remote, saying to switch first', async () => {
    const fake = withLab();
    activateTarget(fake, 'lxd@lab', [...linuxDrivers(), fakeRemoteDriver('lab')]);
    await openSettings(fake);

    const remove = await screen.findByTestId('remote-lab-remove');
    expect(remove.getAttribute('aria-disabled')).toBe('true');
    expect(remove.getAttribute('title')).toMatch(/active driver; switch to another/);
    fireEvent.click(remove);
    expect(screen.queryByTestId('confirm')).toBeNull();
    expect(within(screen.getByTestId('remote-lab')).getByText('Active')).toBeTruthy();
  });
});
