import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../src-shared/errors';
import { socketPathFor } from '../transports/socket-path';
import { fakeInstance } from '../transports/testing/fake-core';
import { createHarness, type Harness } from './testing/harness';

let h: Harness;

afterEach(async () => {
  await h.dispose();
});

const methods = () => h.core.dispatched.map((d) => d.method);

describe('berth list', () => {
  it('prints the Multipass-style table and closes the core it opened', async () => {
    h = await createHarness();
    h.core.instances.set('web', fakeInstance('web', { state: 'running', ipv4: ['10.0.2.15'] }));
    h.core.instances.set('db', fakeInstance('db'));

    expect(await h.run(['list'])).toBe(0);
    expect(h.stdout).toBe(
      [
        'Name  State    IPv4       Image',
        'web   Running  10.0.2.15  noble.img',
        'db    Stopped  --         noble.img',
        '',
      ].join('\n'),
    );
    expect(h.opened).toEqual([{ dataDir: h.dataDir }]);
    expect(h.core.closed).toBe(true);
    expect(existsSync(socketPathFor(h.dataDir))).toBe(false);
  });

  it('says so on stderr when there are no instances', async () => {
    h = await createHarness();
    expect(await h.run(['list'])).toBe(0);
    expect(h.stdout).toBe('');
    expect(h.stderr).toBe('No instances found.\n');
  });

  it('prints the contract objects as JSON, deleted ones included with --deleted', async () => {
    h = await createHarness();
    h.core.instances.set('old', fakeInstance('old', { deleted: true }));
    expect(await h.run(['list', '--deleted', '--format', 'json'])).toBe(0);
    const parsed = JSON.parse(h.stdout);
    expect(parsed.instances.map((i: { name: string }) => i.name)).toEqual(['old']);
    expect(h.core.dispatched[0]?.params).toEqual({ includeDeleted: true });
  });
});

describe('berth info', () => {
  it('prints key: value blocks with the ssh hint', async () => {
    h = await createHarness();
    const ssh = { host: '127.0.0.1', port: 2222, user: 'ubuntu' };
    h.core.instances.set('web', fakeInstance('web', { state: 'running', ssh }));

    expect(await h.run(['info', 'web'])).toBe(0);
    const key = join(h.dataDir, 'ssh', 'id_ed25519');
    const line = (label: string, value: string) => `${`${label}:`.padEnd(18)}${value}\n`;
    expect(h.stdout).toContain(
      line('Name', 'web') + line('State', 'Running') + line('Snapshots', '0') + line('IPv4', '--'),
    );
    expect(h.stdout).toContain(line('SSH', `ssh -i ${key} -p 2222 ubuntu@127.0.0.1`));
  });

  it('prints the found instances and reports the missing one with exit 3', async () => {
    h = await createHarness();
    h.core.instances.set('web', fakeInstance('web'));
    expect(await h.run(['info', 'web', 'ghost'])).toBe(3);
    expect(h.stdout).toMatch(/^Name: +web\n/);
    expect(h.stderr).toBe('berth: Instance "ghost" does not exist\n');
  });

  it('names what an instance runs as when the driver says', async () => {
    h = await createHarness();
    h.core.instances.set('box', fakeInstance('box', { instanceType: 'container' }));
    expect(await h.run(['info', 'box'])).toBe(0);
    expect(h.stdout).toContain(`${'Type:'.padEnd(18)}system container\n`);
  });

  it('names the cluster member an instance runs on', async () => {
    h = await createHarness();
    h.core.instances.set('box', fakeInstance('box', { location: 'member-2' }));
    expect(await h.run(['info', 'box'])).toBe(0);
    expect(h.stdout).toContain(`${'Location:'.padEnd(18)}member-2\n`);
  });

  it('appends the serial console log with --console', async () => {
    h = await createHarness();
    h.core.instances.set('web', fakeInstance('web'));
    expect(await h.run(['info', 'web', '--console'])).toBe(0);
    expect(h.stdout).toMatch(/Console log: +\/data\/web\/console\.log\n\nboot ok\n$/);
  });
});

describe('berth launch', () => {
  it('sends absolute paths and user-data, and shows only its own progress', async () => {
    h = await createHarness((harness) => ({
      'instances.launch': async (request) => {
        const progress = { instance: 'web', kind: 'launch', step: 'boot' };
        harness.core.emit('operation.progress', {
          ...progress,
          operationId: 'other',
          message: 'Not mine',
        });
        harness.core.emit('operation.progress', {
          ...progress,
          operationId: request.operationId,
          message: 'Booting web',
        });
        return fakeInstance(request.name ?? 'x', { state: 'running' });
      },
    }));
    h.cwd = h.dataDir;
    await writeFile(join(h.dataDir, 'user-data.yaml'), '#cloud-config\npackages: [htop]\n');

    const code = await h.run([
      'launch',
      'noble.img',
      '--name',
      'web',
      '--cloud-init',
      'user-data.yaml',
    ]);
    expect(code).toBe(0);
    expect(h.stdout).toBe('Launched: web\n');
    expect(h.stderr).toBe('Booting web\n');
    expect(h.core.dispatched[0]?.params).toMatchObject({
      image: join(h.dataDir, 'noble.img'),
      name: 'web',
      userData: '#cloud-config\npackages: [htop]\n',
      operationId: expect.stringMatching(/^cli-/),
    });
  });

  it('asks the core to cancel on Ctrl-C and exits 6', async () => {
    let cancelled: () => void = () => undefined;
    h = await createHarness(() => ({
      'instances.launch': () =>
        new Promise((_, reject) => {
          cancelled = () => reject(new BerthError('CANCELLED', 'Launch of "web" cancelled'));
        }),
      'operations.cancel': async () => {
        cancelled();
        return { cancelled: true };
      },
    }));

    const running = h.run(['launch', '/img/noble.img', '--name', 'web']);
    await waitForMethod('instances.launch');
    h.interrupt();
    expect(await running).toBe(6);
    expect(h.stderr).toContain('Cancelling...');
    expect(h.stderr).toContain('berth: Launch of "web" cancelled\n');
    const cancel = h.core.dispatched.find((d) => d.method === 'operations.cancel');
    const launch = h.core.dispatched.find((d) => d.method === 'instances.launch');
    expect(launch?.params).toMatchObject(cancel?.params ?? { missing: true });
  });

  it.each([
    [['launch', 'x', '--name', '$(reboot)'], 'berth: Instance name must start with a letter\n'],
    [
      ['launch', 'x', '--memory', '10M'],
      'berth: Memory must be at least 512MiB (asked for 10MiB)\n',
    ],
  ])('refuses %j with exit 2 before opening the core', async (argv, message) => {
    h = await createHarness();
    expect(await h.run(argv)).toBe(2);
    expect(h.stderr).toBe(message);
    expect(h.opened).toEqual([]);
    expect(h.core.dispatched).toEqual([]);
  });

  it('refuses unreadable and invalid cloud-init files before sending', async () => {
    h = await createHarness();
    h.cwd = h.dataDir;
    await writeFile(join(h.dataDir, 'bad.yaml'), '#cloud-config\n- a list\n');
    expect(await h.run(['launch', 'x', '--cloud-init', 'missing.yaml'])).toBe(2);
    expect(h.stderr).toMatch(/^berth: Cannot read cloud-init file ".*missing\.yaml": ENOENT\n$/);
    expect(await h.run(['launch', 'x', '--cloud-init', 'bad.yaml'])).toBe(2);
    expect(h.core.dispatched).toEqual([]);
  });
});

async function waitForMethod(method: string): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!methods().includes(method)) {
    if (Date.now() > deadline) throw new Error(`${method} was never dispatched`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('usage errors', () => {
  it('answers an unknown command with exit 2 and a pointer to help', async () => {
    h = await createHarness();
    expect(await h.run(['frobnicate'])).toBe(2);
    expect(h.stderr).toBe(
      'berth: Unknown command "frobnicate"\nRun \'berth help\' to see the commands.\n',
    );
    expect(h.opened).toEqual([]);
  });

  it('answers an unknown flag with the command usage', async () => {
    h = await createHarness();
    expect(await h.run(['stop', 'web', '--bogus'])).toBe(2);
    expect(h.stderr).toMatch(/^berth: Unknown option --bogus\n\nUsage: berth stop <name>\.\.\./);
    expect(h.core.dispatched).toEqual([]);
  });

  it('prints a command usage for --help and the general help for help', async () => {
    h = await createHarness();
    expect(await h.run(['restore', '--help'])).toBe(0);
    expect(h.stdout).toMatch(/^Usage: berth restore <name>\.<snapshot>\n/);
    h.stdout = '';
    expect(await h.run(['help'])).toBe(0);
    expect(h.stdout).toMatch(/^Usage: berth <command>/);
    expect(await h.run([])).toBe(2);
  });
});

describe('power and removal commands', () => {
  it('stops only the instances that can be stopped with --all', async () => {
    h = await createHarness();
    h.core.instances.set('a', fakeInstance('a', { state: 'running' }));
    h.core.instances.set('b', fakeInstance('b', { state: 'stopped' }));
    expect(await h.run(['stop', '--all', '--force'])).toBe(0);
    expect(h.stdout).toBe('Stopped a\n');
    const stop = h.core.dispatched.find((d) => d.method === 'instances.stop');
    expect(stop?.params).toMatchObject({ name: 'a', force: true });
  });

  it('carries on after a failure and exits with the first failure code', async () => {
    h = await createHarness();
    h.core.instances.set('b', fakeInstance('b'));
    expect(await h.run(['start', 'ghost', 'b'])).toBe(3);
    expect(h.stdout).toBe('Started b\n');
    expect(h.stderr).toBe('berth: Instance "ghost" does not exist\n');
  });

  it('deletes, recovers and purges', async () => {
    h = await createHarness();
    h.core.instances.set('a', fakeInstance('a'));
    h.core.instances.set('b', fakeInstance('b'));
    expect(await h.run(['delete', 'a', 'b'])).toBe(0);
    expect(await h.run(['recover', 'b'])).toBe(0);
    expect(await h.run(['purge'])).toBe(0);
    expect(h.stdout).toBe('Deleted a\nDeleted b\nRecovered b\nPurged a\n');
  });
});

describe('snapshots and settings', () => {
  it('takes, lists and restores snapshots', async () => {
    h = await createHarness();
    h.core.instances.set('web', fakeInstance('web'));
    expect(await h.run(['snapshot', 'web', '--name', 'pre', '--comment', 'before upgrade'])).toBe(
      0,
    );
    expect(await h.run(['restore', 'web.pre'])).toBe(0);
    expect(await h.run(['snapshots', 'web'])).toBe(0);
    expect(h.stdout).toBe(
      [
        'Snapshot taken: web.pre',
        'Snapshot restored: web.pre',
        'Instance  Snapshot  Created                   Comment',
        'web       pre       2026-01-02T03:04:05.000Z  before upgrade',
        '',
      ].join('\n'),
    );
    expect(await h.run(['restore', 'web', 'missing'])).toBe(3);
  });

  it('gets and sets settings', async () => {
    h = await createHarness();
    expect(await h.run(['set', 'local.driver=lxd'])).toBe(0);
    expect(await h.run(['get', 'local.driver'])).toBe(0);
    expect(h.stdout).toBe('lxd\n');
    expect(await h.run(['get', 'nope'])).toBe(2);
    expect(h.stderr).toBe('berth: Unknown setting "nope"\n');
  });
});

describe('berth drivers', () => {
  it('shows availability, marks and capabilities', async () => {
    h = await createHarness();
    expect(await h.run(['drivers'])).toBe(0);
    const [header, row] = h.stdout.split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'Driver',
      'Active',
      'Default',
      'Available',
      'Version',
      'Acceleration',
      'Scope',
      'Instances',
      'Capabilities',
    ]);
    expect(row?.split(/\s{2,}/)).toEqual([
      'qemu',
      'yes',
      'yes',
      'yes',
      '8.2.2',
      'kvm',
      'qemu',
      '0',
      'mounts, networks, snapshots, suspend',
    ]);
  });
});
