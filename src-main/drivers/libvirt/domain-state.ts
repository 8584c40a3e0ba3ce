/** Reads one domain's state from libvirt: absent, running, paused, shut off or managed-saved. */
import type { ObservedState } from '../driver';
import { isNoDomain, type Virsh, virshError } from './virsh';

/** What libvirt holds for a domain; `absent` when it is not defined. */
export type DomainState = ObservedState | 'absent';

/** The state in `virsh dominfo` output. */
export function parseDominfo(output: string): Exclude<DomainState, 'absent'> {
  const state = /^State:\s*(.+)$/m.exec(output)?.[1]?.trim() ?? '';
  const saved = /^Managed save:\s*yes/m.test(output);
  if (state === 'running' || state === 'in shutdown' || state === 'idle') return 'running';
  if (state === 'paused' || state === 'pmsuspended') return 'paused';
  return saved ? 'suspended' : 'stopped';
}

/** The state of `domain` now. */
export async function domainState(virsh: Virsh, domain: string): Promise<DomainState> {
  const result = await virsh.tryRun(['dominfo', domain], { timeoutMs: 30_000 });
  if (result.ok) return parseDominfo(result.stdout);
  if (isNoDomain(result.stderr)) return 'absent';
  throw virshError(`Reading the state of ${domain} failed`, result.stderr);
}

/** True while `state` means a QEMU process exists for the domain. */
export function isActive(state: DomainState): boolean {
  return state === 'running' || state === 'paused';
}

/** Every domain's state from `virsh list --all --managed-save` ("saved" marks a managed save). */
export function parseDomainList(output: string): Map<string, Exclude<DomainState, 'absent'>> {
  const states = new Map<string, Exclude<DomainState, 'absent'>>();
  for (const line of output.split('\n').slice(2)) {
    const match = /^\s*(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (!match) continue;
    const [, , name = '', state = ''] = match;
    states.set(name, state === 'saved' ? 'suspended' : parseDominfo(`State: ${state}\n`));
  }
  return states;
}

const TABLE_TTL_MS = 1_000;

/**
 * One `virsh list` answering many state questions in a burst (attaching a whole scope when
 * Berth opens), instead of one virsh process per instance.
 */
export class DomainTable {
  private cached: { at: number; states: Promise<Map<string, DomainState>> } | null = null;

  constructor(private readonly virsh: () => Promise<Virsh>) {}

  /** Forgets the last answer (after any change or event). */
  invalidate(): void {
    this.cached = null;
  }

  /** The state of `domain` as of at most a second ago, or since the last invalidation. */
  async stateOf(domain: string): Promise<DomainState> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > TABLE_TTL_MS) {
      this.cached = { at: now, states: this.load() };
    }
    const states = await this.cached.states.catch((error: unknown) => {
      this.cached = null;
      throw error;
    });
    return states.get(domain) ?? 'absent';
  }

  private async load(): Promise<Map<string, DomainState>> {
    const virsh = await this.virsh();
    return parseDomainList(await virsh.run(['list', '--all', '--managed-save']));
  }
}
