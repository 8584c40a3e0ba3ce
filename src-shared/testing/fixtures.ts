/** Plausible contract values for tests on every side. */
import type { InstanceInfo } from '../api';

/** An instance of the qemu scope, stopped, with Multipass-like defaults. */
export function fakeInstance(name: string, extra: Partial<InstanceInfo> = {}): InstanceInfo {
  return {
    name,
    state: 'stopped',
    deleted: false,
    scope: 'qemu',
    image: { kind: 'disk', source: '/images/noble.img' },
    cpus: 1,
    memoryBytes: 1024 ** 3,
    diskBytes: 5 * 1024 ** 3,
    ipv4: [],
    ssh: null,
    createdAt: '2026-01-02T03:04:05.000Z',
    snapshotCount: 0,
    resumeOnReturn: false,
    lastError: null,
    ...extra,
  };
}
