/** Facts about this computer that pick the default driver. */
import type { HostOs } from '../../src-shared/drivers';
import type { HostFacts } from './settings-keys';

/** This computer's operating system and architecture (Node's names). */
export function detectHost(): HostFacts {
  const os: HostOs =
    process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
  // Known limitation: the Windows edition (Home vs Pro) is not detected yet; Pro is assumed
  // until the Hyper-V and VirtualBox drivers arrive and need it.
  return { os, arch: process.arch, windowsEdition: os === 'win32' ? 'pro' : null };
}
