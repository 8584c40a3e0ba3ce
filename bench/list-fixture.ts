/**
 * A data folder whose QEMU scope holds `count` stopped instances, written as Berth writes
 * them, so `list` is measured on a realistic scope without booting twenty VMs under TCG.
 */
import { mkdir } from 'node:fs/promises';
import { layout } from '../src-main/core/data-dir';
import { writeJsonDocument } from '../src-main/core/persist/json-store';
import { emptyScopeFile, type InstanceRecord, scopeFileSchema } from '../src-main/core/records';

/** Writes the scope document with `count` stopped instances into `dataDir`. */
export async function writeListFixture(dataDir: string, count: number): Promise<void> {
  const file = emptyScopeFile('qemu');
  for (let index = 1; index <= count; index += 1) {
    const name = `bench-${String(index).padStart(2, '0')}`;
    const record: InstanceRecord = {
      name,
      createdAt: new Date().toISOString(),
      image: { kind: 'disk', source: '/images/bench.qcow2' },
      cpus: 1,
      memoryBytes: 1024 ** 3,
      diskBytes: 5 * 1024 ** 3,
      sshUser: 'ubuntu',
      macAddress: '52:54:00:00:00:01',
      deleted: false,
      state: 'stopped',
      resumeOnReturn: false,
      ipv4: [],
      snapshots: [],
      snapshotsTaken: 0,
      lastError: null,
    };
    file.instances[name] = record;
    await mkdir(layout.instanceDir(dataDir, 'qemu', name), { recursive: true });
  }
  await mkdir(layout.scopeDir(dataDir, 'qemu'), { recursive: true });
  await writeJsonDocument(layout.scopeFile(dataDir, 'qemu'), scopeFileSchema, file);
}
