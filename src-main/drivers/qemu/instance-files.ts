/** Where the QEMU driver keeps each instance's files, all inside the instance's own folder. */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The internal snapshot tag that holds a suspended VM's memory. */
export const SUSPEND_TAG = 'berth-suspend';

/** The absolute paths of one instance's files. */
export interface InstanceFiles {
  disk: string;
  seedIso: string;
  kernel: string;
  initrd: string;
  efiVars: string;
  consoleLog: string;
  pidFile: string;
  /** Where the QMP socket goes when the instance folder's path is short enough. */
  localQmpSocket: string;
  runtime: string;
  suspendMarker: string;
  config: string;
}

/** The files of the instance kept in `dir` (an absolute path). */
export function instanceFiles(dir: string): InstanceFiles {
  return {
    disk: join(dir, 'disk.qcow2'),
    seedIso: join(dir, 'cloud-init-seed.iso'),
    kernel: join(dir, 'vmlinuz'),
    initrd: join(dir, 'initrd.img'),
    efiVars: join(dir, 'efi-vars.qcow2'),
    consoleLog: join(dir, 'console.log'),
    pidFile: join(dir, 'qemu.pid'),
    localQmpSocket: join(dir, 'qmp.sock'),
    runtime: join(dir, 'runtime.json'),
    suspendMarker: join(dir, 'suspended.json'),
    config: join(dir, 'qemu.json'),
  };
}

// sun_path holds 108 bytes on Linux and 104 on macOS, including the final NUL.
const MAX_SOCKET_PATH_BYTES = 100;

/**
 * The QMP socket path for the instance in `dir`: inside the folder when it fits in a unix
 * socket address, otherwise a short name under a per-user runtime folder.
 */
export function qmpSocketPath(dir: string, runtimeRoot = defaultRuntimeRoot()): string {
  const local = instanceFiles(dir).localQmpSocket;
  if (Buffer.byteLength(local) <= MAX_SOCKET_PATH_BYTES) return local;
  const hash = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  return join(runtimeRoot, `${hash}.qmp`);
}

/** The per-user folder for sockets whose natural path is too long. */
export function defaultRuntimeRoot(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return join(tmpdir(), `berth-${uid}`);
}
