import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger';
import type { DriverEvent } from '../driver';
import { EventStream } from './event-stream';
import { parseEventLine, toDriverEvent } from './events';
import type { Virsh } from './virsh';

// Recorded from `virsh event --loop --all --timestamp` on libvirt 9.0 with the tiny guest:
// start, pause, resume, managedsave, start (restore), kill -9 of QEMU, start, shutdown, destroy.
// Each line as virsh printed it; `D` and `L` only shorten the source lines.
const D = "for domain 'lvx-test'";
const L = `event 'lifecycle' ${D}`;
const RECORDED = [
  `2026-12-04 05:47:04.655+0000: ${L}: Resumed Unpaused`,
  `2026-12-04 05:47:04.655+0000: ${L}: Started Booted`,
  `2026-12-04 05:47:05.896+0000: ${L}: Suspended Paused`,
  `2026-12-04 05:47:06.011+0000: ${L}: Resumed Unpaused`,
  `2026-12-04 05:47:06.148+0000: ${L}: Suspended Paused`,
  `2026-12-04 05:47:06.207+0000: event 'migration-iteration' ${D}: iteration: '1'`,
  `2026-12-04 05:47:06.526+0000: event 'job-completed' ${D}:`,
  `\toperation: 2`,
  `\ttime_elapsed: 466`,
  `\tmemory_iteration: 3`,
  `2026-12-04 05:47:08.811+0000: ${L}: Stopped Saved`,
  `2026-12-04 05:47:18.244+0000: ${L}: Started Restored`,
  `2026-12-04 05:47:18.267+0000: ${L}: Resumed Snapshot`,
  `2026-12-04 05:47:20.783+0000: ${L}: Stopped Failed`,
  `2026-12-04 05:47:36.117+0000: ${L}: Resumed Unpaused`,
  `2026-12-04 05:47:36.119+0000: ${L}: Started Booted`,
  `2026-12-04 05:47:39.825+0000: ${L}: Shutdown Finished after host request`,
  `2026-12-04 05:47:39.839+0000: ${L}: Stopped Destroyed`,
  `2026-12-04 05:47:39.866+0000: ${L}: Undefined Removed`,
  `2026-12-04 05:48:43.788+0000: ${L}: Defined Added`,
].join('\n');

describe('virsh event lines', () => {
  it('takes a lifecycle line apart, with or without a timestamp', () => {
    const line = "event 'lifecycle' for domain 'berth-web-0123abcd': Started Booted";
    expect(parseEventLine(line)).toEqual({
      event: 'lifecycle',
      domain: 'berth-web-0123abcd',
      detail: 'Started Booted',
    });
    expect(parseEventLine(`2026-12-04 05:47:04.655+0000: ${line}`)?.domain).toBe(
      'berth-web-0123abcd',
    );
    expect(parseEventLine("event 'reboot' for domain 'web'")).toEqual({
      event: 'reboot',
      domain: 'web',
      detail: '',
    });
  });

  it('ignores continuation lines and noise', () => {
    expect(parseEventLine('\ttime_elapsed: 466')).toBeNull();
    expect(parseEventLine('')).toBeNull();
    const disconnected = 'error: Disconnected from qemu:///system due to end of file';
    expect(parseEventLine(disconnected)).toBeNull();
  });

  it('maps lifecycle events to driver events', () => {
    const of = (detail: string) => toDriverEvent({ event: 'lifecycle', domain: 'd', detail });
    expect(of('Started Booted')).toEqual({ kind: 'running', detail: 'booted' });
    expect(of('Suspended Paused')).toEqual({ kind: 'paused', detail: 'paused' });
    expect(of('Shutdown Finished after guest request')).toMatchObject({ kind: 'shutdown' });
    expect(of('Stopped Failed')).toEqual({ kind: 'exited', detail: 'failed' });
    expect(of('Crashed Panicked')).toBeNull();
    expect(of('Defined Added')).toBeNull();
    expect(toDriverEvent({ event: 'reboot', domain: 'd', detail: '' })).toEqual({ kind: 'reset' });
    expect(toDriverEvent({ event: 'job-completed', domain: 'd', detail: '' })).toBeNull();
  });
});

describe('event stream fan-out', () => {
  it('turns the recorded session into the events the core expects, once each', () => {
    // A virsh that is never spawned: the test feeds recorded lines directly.
    const virsh = { spawnEventLoop: () => fakeLoop() } as unknown as Virsh;
    const stream = new EventStream(virsh, silentLogger);
    const seen: DriverEvent[] = [];
    const other: DriverEvent[] = [];
    const stop = stream.watch('lvx-test', (event) => seen.push(event));
    stream.watch('someone-else', (event) => other.push(event));

    for (const line of RECORDED.split('\n')) stream.onLine(line);
    stop();

    expect(seen.map((event) => event.kind)).toEqual([
      'running', // Resumed Unpaused; Started Booted is the same run
      'paused',
      'running',
      'paused', // managed save stops the CPUs first
      'exited', // Stopped Saved
      'running', // Started Restored (Resumed Snapshot folded in)
      'exited', // Stopped Failed: QEMU killed from outside
      'running',
      'shutdown',
      'exited',
    ]);
    expect(seen[4]).toEqual({ kind: 'exited', detail: 'saved' });
    expect(other).toEqual([]);
    stream.close();
  });
});

function fakeLoop(): unknown {
  const pending = new Promise(() => undefined);
  return Object.assign(pending, {
    unref: () => undefined,
    kill: () => true,
    stdout: null,
    stderr: null,
  });
}
