/**
 * "Running" means reachable over SSH with Berth's key. This waits for that, then reads the
 * guest's addresses and, after a resume, sets the guest clock (it stood still while saved).
 */
import type { SshEndpoint } from '../drivers/driver';
import { runSsh } from '../ssh/ssh-client';
import { waitForSsh } from '../ssh/wait-for-ssh';
import type { Logger } from './logger';

/** Berth's installation key pair. */
export interface SshIdentity {
  privateKey: string;
  publicKey: string;
}

/** What readiness needs. */
export interface ReadinessRequest {
  endpoint: SshEndpoint;
  user: string;
  identity: SshIdentity;
  timeoutMs: number;
  signal: AbortSignal;
  /** True after a resume from suspend: the guest clock must be corrected. */
  fixClock: boolean;
  log: Logger;
}

const ADDRESS_COMMAND = 'ip -4 -o addr show scope global 2>/dev/null || hostname -I';

/** Waits for SSH, fixes the clock if asked, and returns the guest's IPv4 addresses. */
export async function waitUntilReady(request: ReadinessRequest): Promise<string[]> {
  const { endpoint, user, identity, timeoutMs, signal, log } = request;
  await waitForSsh(endpoint, user, identity.privateKey, { timeoutMs, signal });
  const target = { ...endpoint, user, privateKey: identity.privateKey };
  if (request.fixClock) {
    const now = Math.floor(Date.now() / 1000);
    const command = `sudo -n date -u -s @${now} >/dev/null 2>&1 || date -u -s @${now} >/dev/null`;
    const result = await runSsh(target, command, { timeoutMs: 10_000, signal });
    if (result.code !== 0) log.warn('could not correct the guest clock after resume');
  }
  const result = await runSsh(target, ADDRESS_COMMAND, { timeoutMs: 10_000, signal });
  return parseIpv4(result.stdout);
}

/** Extracts IPv4 addresses from `ip -4 -o addr` or `hostname -I` output. */
export function parseIpv4(text: string): string[] {
  const fromIp = [...text.matchAll(/\binet ((?:\d{1,3}\.){3}\d{1,3})\//g)].map((m) => m[1] ?? '');
  const found = fromIp.length > 0 ? fromIp : text.split(/\s+/).filter(isIpv4);
  return [...new Set(found.filter((a) => isIpv4(a) && !a.startsWith('127.')))];
}

function isIpv4(text: string): boolean {
  return /^(?:\d{1,3}\.){3}\d{1,3}$/.test(text);
}
