// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { InstanceInfo } from '../../src-shared/api';
import { BerthError } from '../../src-shared/errors';
import { FakeTransport } from '../testing/fake-transport';
import { fakeInstance } from '../testing/fixtures';
import { renderApp } from '../testing/render-app';

afterEach(cleanup);

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
const problemOf = (testId: string) =>
  document.getElementById(`${testId}-problem`)?.textContent ?? null;

async function openDialog(fake = new FakeTransport({ instances: [fakeInstance('web')] })) {
  const app = await renderApp(fake);
  fireEvent.click(screen.getByTestId('launch-open'));
  await waitFor(() =>
    expect((screen.getByTestId('launch-name') as HTMLInputElement).value).toBe('brisk-heron'),
  );
  return app;
}

describe('the launch dialog', () => {
  it('suggests a free name and checks the name live with the shared rules', async () => {
    await openDialog();
    type('launch-name', '1web');
    expect(problemOf('launch-name')).toBe('Instance name must start with a letter');
    type('launch-name', 'web');
    expect(problemOf('launch-name')).toBe('An instance named web already exists in this scope');
    type('launch-name', 'web-2');
    expect(problemOf('launch-name')).toBeNull();
  });

  it('refuses resources below the shared minimums, with units', async () => {
    const { fake } = await openDialog();
    type('launch-memory', '256M');
    type('launch-disk', '512M');
    type('launch-cpus', '0');
    expect(problemOf('launch-memory')).toMatch(/Memory must be at least 512MiB/);
    expect(problemOf('launch-disk')).toMatch(/Disk must be at least 1GiB/);
    expect(problemOf('launch-cpus')).toBe('At least 1 CPU is needed');

    fireEvent.click(screen.getByTestId('launch-submit'));
    expect(problemOf('launch-image')).toMatch(/path of a disk image/);
    expect(fake.callsOf('instances.launch')).toHaveLength(0);
  });

  it('checks user-data before submitting', async () => {
    const { fake } = await openDialog();
    type('launch-image', '/images/tiny.img');
    type('launch-user-data', '#cloud-config\nusers: [unclosed');
    fireEvent.click(screen.getByTestId('launch-submit'));
    expect(problemOf('launch-user-data')).toMatch(/not valid YAML/);
    expect(fake.callsOf('instances.launch')).toHaveLength(0);
  });

  it('launches with kernel boot paths, shows each step, and closes when it is up', async () => {
    const fake = new FakeTransport();
    let finish: (info: InstanceInfo) => void = () => undefined;
    fake.handle('instances.launch', () => new Promise((resolve) => (finish = resolve)));
    await openDialog(fake);
    type('launch-image', '/images/tiny.img');
    type('launch-name', 'web');
    type('launch-memory', '512M');
    fireEvent.click(screen.getByTestId('launch-advanced'));
    type('launch-kernel', '/images/vmlinuz');
    type('launch-initrd', '/images/initrd');
    type('launch-cmdline', 'console=ttyS0');
    fireEvent.click(screen.getByTestId('launch-submit'));

    const [request] = fake.callsOf('instances.launch');
    expect(request).toMatchObject({
      name: 'web',
      image: '/images/tiny.img',
      memoryBytes: 512 * 1024 ** 2,
      kernel: '/images/vmlinuz',
      initrd: '/images/initrd',
      cmdline: 'console=ttyS0',
    });
    const operationId = request?.operationId ?? '';
    const op = { operationId, instance: 'web', kind: 'launch' };
    act(() => {
      fake.emit('operation.progress', { ...op, step: 'writing-seed', message: 'Writing the seed' });
      fake.emit('operation.progress', { ...op, step: 'booting', message: 'Booting web' });
    });
    const steps = screen.getByTestId('launch-progress').textContent ?? '';
    expect(steps).toContain('Writing seed');
    expect(steps).toContain('Booting');

    await act(async () => finish(fakeInstance('web', { state: 'running' })));
    expect(screen.queryByTestId('launch-progress')).toBeNull();
    expect(screen.getByTestId('instance-web-state').textContent).toBe('Running');
  });

  it('cancels the launch with the operation id it chose', async () => {
    const fake = new FakeTransport();
    let fail: (error: unknown) => void = () => undefined;
    fake.handle('instances.launch', () => new Promise((_, reject) => (fail = reject)));
    fake.handle('operations.cancel', () => {
      fail(new BerthError('CANCELLED', 'The operation was cancelled'));
      return { cancelled: true };
    });
    await openDialog(fake);
    type('launch-image', '/images/tiny.img');
    fireEvent.click(screen.getByTestId('launch-submit'));
    fireEvent.click(screen.getByTestId('launch-cancel'));

    const sent = fake.callsOf('instances.launch')[0]?.operationId;
    expect(fake.callsOf('operations.cancel')[0]?.operationId).toBe(sent);
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/cancelled/));
    expect(screen.getByTestId('launch-submit')).toBeTruthy();
  });

  it('shows a failed launch with the details from the error', async () => {
    const fake = new FakeTransport();
    fake.handle('instances.launch', () => {
      throw new BerthError('TIMEOUT', 'web did not answer SSH', ['[ 1.2] kernel panic']);
    });
    await openDialog(fake);
    type('launch-image', '/images/tiny.img');
    fireEvent.click(screen.getByTestId('launch-submit'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('web did not answer SSH');
    expect(alert.textContent).toContain('kernel panic');
  });
});
