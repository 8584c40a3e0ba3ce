// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { activateTarget } from '../testing/active-target';
import { FakeTransport } from '../testing/fake-transport';
import { fakeInstance, fakeRemoteDriver, lxdActiveDrivers } from '../testing/fixtures';
import { renderApp } from '../testing/render-app';

afterEach(cleanup);

/** The rows in the DOM, by test id, top to bottom. */
const rowNames = () =>
  [...document.querySelectorAll<HTMLElement>('tbody tr')].map((row) => row.dataset.testid);

describe('the instance list', () => {
  it('shows name, state, image, resources, address and age for each instance', async () => {
    const web = fakeInstance('web', {
      state: 'running',
      cpus: 2,
      memoryBytes: 2 * 1024 ** 3,
      ipv4: ['10.0.2.15'],
    });
    await renderApp(new FakeTransport({ instances: [web] }));
    const row = screen.getByTestId('instance-web');
    expect(within(row).getByTestId('instance-web-state').textContent).toBe('Running');
    expect(row.textContent).toContain('noble.img');
    expect(row.textContent).toContain('2 GiB');
    expect(row.textContent).toContain('5 GiB');
    expect(row.textContent).toContain('10.0.2.15');
  });

  it('says which driver an empty scope belongs to and offers a launch', async () => {
    const fake = new FakeTransport();
    fake.driver = 'lxd';
    fake.scope = 'lxd';
    await renderApp(fake);
    const empty = screen.getByTestId('empty-scope');
    expect(empty.textContent).toContain('No instances in the LXD scope');
    expect(screen.getByTestId('active-scope').textContent).toContain('lxd');
    expect(screen.getByTestId('driver-picker').textContent).toContain('LXD');
    expect(within(empty).getByTestId('empty-scope-launch')).toBeTruthy();
  });

  it('keeps a blocked action visible, focusable, and explains why', async () => {
    const fake = new FakeTransport({ instances: [fakeInstance('web', { state: 'running' })] });
    await renderApp(fake);
    const snapshot = screen.getByTestId('instance-web-snapshot');
    expect(snapshot.getAttribute('aria-disabled')).toBe('true');
    expect(snapshot.hasAttribute('disabled')).toBe(false);
    expect(snapshot.getAttribute('title')).toBe('Snapshots need a stopped instance');
    const tip = document.getElementById(snapshot.getAttribute('aria-describedby') ?? '');
    expect(tip?.textContent).toBe('Snapshots need a stopped instance');

    fireEvent.click(snapshot);
    expect(screen.queryByTestId('confirm-ok')).toBeNull();
    expect(fake.callsOf('snapshots.take')).toHaveLength(0);
  });

  it('says when the driver cannot suspend at all (LXD)', async () => {
    const fake = new FakeTransport({
      instances: [fakeInstance('box', { state: 'running', scope: 'lxd' })],
    });
    fake.driver = 'lxd';
    fake.scope = 'lxd';
    await renderApp(fake);
    const suspend = screen.getByTestId('instance-box-suspend');
    expect(suspend.getAttribute('title')).toBe('Suspend is not supported by the LXD driver');
  });

  it('shows the clicked action in progress until the state changes', async () => {
    const fake = new FakeTransport({ instances: [fakeInstance('web')] });
    fake.handle('instances.start', () => new Promise(() => undefined));
    await renderApp(fake);
    fireEvent.click(screen.getByTestId('instance-web-start'));
    expect(screen.getByTestId('instance-web-start').getAttribute('aria-busy')).toBe('true');
    expect(fake.callsOf('instances.start')[0]?.name).toBe('web');

    act(() => fake.emit('instance.changed', fakeInstance('web', { state: 'running' })));
    expect(screen.getByTestId('instance-web-start').getAttribute('aria-busy')).toBeNull();
    expect(screen.getByTestId('instance-web-state').textContent).toBe('Running');
  });

  it('searches, filters to running instances, and sorts by a column', async () => {
    const fake = new FakeTransport({
      instances: [
        fakeInstance('web', { state: 'running', memoryBytes: 1024 ** 3 }),
        fakeInstance('db', { memoryBytes: 4 * 1024 ** 3 }),
        fakeInstance('cache', { state: 'running', memoryBytes: 2 * 1024 ** 3 }),
      ],
    });
    await renderApp(fake);
    expect(rowNames()).toEqual(['instance-cache', 'instance-db', 'instance-web']);

    fireEvent.change(screen.getByTestId('instance-search'), { target: { value: 'we' } });
    expect(rowNames()).toEqual(['instance-web']);
    fireEvent.change(screen.getByTestId('instance-search'), { target: { value: '' } });

    fireEvent.click(screen.getByTestId('filter-running'));
    expect(rowNames()).toEqual(['instance-cache', 'instance-web']);
    fireEvent.click(screen.getByTestId('filter-running'));

    fireEvent.click(screen.getByTestId('sort-memory'));
    expect(rowNames()).toEqual(['instance-web', 'instance-cache', 'instance-db']);
    fireEvent.click(screen.getByTestId('sort-memory'));
    expect(rowNames()).toEqual(['instance-db', 'instance-cache', 'instance-web']);
  });

  it('runs a bulk action on the selected instances it applies to', async () => {
    const fake = new FakeTransport({
      instances: [fakeInstance('web', { state: 'running' }), fakeInstance('db')],
    });
    fake.handle('instances.start', () => new Promise(() => undefined));
    await renderApp(fake);
    expect(screen.getByTestId('bulk-start').getAttribute('title')).toBe('Select instances first');

    fireEvent.click(screen.getByTestId('instance-web-select'));
    fireEvent.click(screen.getByTestId('instance-db-select'));
    fireEvent.click(screen.getByTestId('bulk-start'));
    expect(fake.callsOf('instances.start').map((c) => c.name)).toEqual(['db']);

    fireEvent.click(screen.getByTestId('bulk-delete'));
    fireEvent.click(screen.getByTestId('confirm-ok'));
    expect(
      fake
        .callsOf('instances.delete')
        .map((c) => c.name)
        .sort(),
    ).toEqual(['db', 'web']);
  });

  it('offers Force stop in the row menu, after a confirmation', async () => {
    const fake = new FakeTransport({ instances: [fakeInstance('web', { state: 'running' })] });
    fake.handle('instances.stop', () => new Promise(() => undefined));
    await renderApp(fake);
    fireEvent.click(screen.getByTestId('instance-web-menu'));
    fireEvent.click(screen.getByTestId('instance-web-force-stop'));
    fireEvent.click(screen.getByTestId('confirm-ok'));
    expect(fake.callsOf('instances.stop')[0]).toMatchObject({ name: 'web', force: true });
  });

  it('renders only the rows in view of a 1,000-instance scope', async () => {
    const instances = Array.from({ length: 1000 }, (_, i) =>
      fakeInstance(`bench-${String(i + 1).padStart(4, '0')}`),
    );
    await renderApp(new FakeTransport({ instances }));
    const rows = rowNames();
    expect(rows[0]).toBe('instance-bench-0001');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByText('1000 instances')).toBeTruthy();
  });

  it('names the cluster member of each instance on a cluster, and finds them by it', async () => {
    const members = ['node1', 'node2'];
    const scope = 'lxd@lab';
    const fake = new FakeTransport({
      instances: [
        fakeInstance('web', { scope, location: 'node1' }),
        fakeInstance('db', { scope, location: 'node2' }),
      ],
    });
    const lab = fakeRemoteDriver('lab', { clusterMembers: members });
    activateTarget(fake, scope, [...lxdActiveDrivers(), lab]);
    await renderApp(fake);
    expect(screen.getByTestId('instance-web-location').textContent).toBe('on cluster member node1');

    fireEvent.change(screen.getByTestId('instance-search'), { target: { value: 'node2' } });
    expect(rowNames()).toEqual(['instance-db']);
  });

  it('leaves the location out where the target is not a cluster', async () => {
    const fake = new FakeTransport({
      instances: [fakeInstance('box', { scope: 'lxd', location: 'none' })],
    });
    activateTarget(fake, 'lxd', lxdActiveDrivers());
    await renderApp(fake);
    expect(screen.queryByTestId('instance-box-location')).toBeNull();
  });
});
