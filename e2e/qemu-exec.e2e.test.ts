/**
 * `berth exec` and a terminal on real QEMU (TCG) with the tiny guest: both go over SSH with
 * Berth's key, as on every driver without an exec API of its own.
 */
import { resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalSocketServer,
  serveLocalSocket,
} from '../src-main/transports/local-socket-server';
import { socketPathFor } from '../src-main/transports/socket-path';
import { BerthSession } from './support/berth-session';
import { tinyGuest } from './support/guests';

const { guest, reason } = tinyGuest();
const MiB = 1024 ** 2;
const berthBin = resolve(import.meta.dirname, '..', 'bin', 'berth.mjs');

describe.skipIf(guest === null)(`berth exec over SSH, tiny guest ${reason ?? ''}`, () => {
  let berth: BerthSession;
  let socket: LocalSocketServer | null = null;

  beforeAll(async () => {
    berth = await BerthSession.open();
    if (!guest) return;
    await berth.call('instances.launch', {
      name: 'cmd',
      image: guest.disk,
      kernel: guest.kernel,
      initrd: guest.initrd,
      cmdline: guest.cmdline,
      memoryBytes: 512 * MiB,
    });
    const { dataDir } = berth;
    socket = await serveLocalSocket(berth.core.dispatcher, socketPathFor(dataDir), { dataDir });
  });
  afterAll(async () => {
    await socket?.close();
    await berth?.dispose();
  });

  it('runs a command, stdout and stderr apart, stdin passed, exiting with its code', async () => {
    const script = 'echo "out $(cat)"; echo err >&2; exit 3';
    const began = performance.now();
    // The CLI from the sources (dist/ may predate them), talking to this suite's core.
    const result = await execa(
      process.execPath,
      [berthBin, 'exec', 'cmd', '--', 'sh', '-c', script],
      {
        env: { BERTH_HOME: berth.dataDir, BERTH_FROM_SOURCE: '1' },
        input: 'piped',
        reject: false,
        timeout: 60_000,
      },
    );
    process.stderr.write(
      `[berth e2e] berth exec over SSH: ${(performance.now() - began).toFixed(0)} ms\n`,
    );
    expect(result).toMatchObject({ exitCode: 3, stdout: 'out piped', stderr: 'err' });

    const directBegan = performance.now();
    const direct = await berth.call('instances.exec', { name: 'cmd', argv: ['hostname'] });
    const directMs = (performance.now() - directBegan).toFixed(0);
    process.stderr.write(`[berth e2e] instances.exec over SSH: ${directMs} ms\n`);
    expect(direct).toEqual({ exitCode: 0, stdout: 'cmd\n', stderr: '' });
  });

  it('opens a terminal of the asked size over SSH and reports its exit code', async () => {
    let output = '';
    const stop = berth.core.dispatcher.subscribe((event, payload) => {
      const p = payload as { data?: string };
      if (event === 'terminal.output') output += Buffer.from(p.data ?? '', 'base64').toString();
    });
    const exited = berth.waitForEvent('terminal.exited', () => true, 20_000);
    await berth.call('terminal.open', {
      instance: 'cmd',
      argv: ['sh', '-c', 'stty size; exit 6'],
      cols: 77,
      rows: 21,
    });
    expect((await exited).exitCode).toBe(6);
    stop();
    expect(output).toContain('21 77');
  });
});
