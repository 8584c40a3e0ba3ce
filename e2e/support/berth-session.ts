/** A real core on a temporary data folder, driven through the contract, for e2e suites. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Core, openCore } from '../../src-main/core/core';
import { layout } from '../../src-main/core/data-dir';
import { runSsh } from '../../src-main/ssh/ssh-client';
import type {
  ApiEvent,
  ApiEventPayload,
  ApiMethod,
  ApiRequest,
  ApiResponse,
  InstanceInfo,
} from '../../src-shared/api';
import { fromErrorEnvelope } from '../../src-shared/errors';

/** An open core plus helpers. */
export class BerthSession {
  private constructor(
    readonly dataDir: string,
    public core: Core,
  ) {}

  static async open(): Promise<BerthSession> {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-e2e-'));
    return new BerthSession(dataDir, await openCore({ dataDir, logLevel: 'debug' }));
  }

  /** Calls a contract method; rejects with the BerthError of a failure. */
  async call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>> {
    const outcome = await this.core.dispatcher.dispatch(method, params);
    if (!outcome.ok) throw fromErrorEnvelope(outcome.error);
    return outcome.result as ApiResponse<M>;
  }

  /** Resolves with the first `event` payload matching `test`, or rejects after `timeoutMs`. */
  waitForEvent<E extends ApiEvent>(
    event: E,
    test: (payload: ApiEventPayload<E>) => boolean,
    timeoutMs: number,
  ): Promise<ApiEventPayload<E>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = this.core.dispatcher.subscribe((name, payload) => {
        const typed = payload as ApiEventPayload<E>;
        if (name !== event || !test(typed)) return;
        clearTimeout(timer);
        stop();
        resolve(typed);
      });
    });
  }

  /** Runs a command in a running instance over SSH with Berth's key; returns stdout. */
  async ssh(instance: InstanceInfo, command: string): Promise<string> {
    if (!instance.ssh) throw new Error(`${instance.name} has no SSH endpoint`);
    const privateKey = await readFile(layout.sshKeyFile(this.dataDir), 'utf8');
    const result = await runSsh({ ...instance.ssh, privateKey }, command, { timeoutMs: 20_000 });
    if (result.code !== 0) throw new Error(`ssh "${command}" failed: ${result.stderr}`);
    return result.stdout;
  }

  /** The folder of an instance in the QEMU scope. */
  instanceDir(name: string, scope = 'qemu'): string {
    return layout.instanceDir(this.dataDir, scope, name);
  }

  /** Closes the core (VMs keep running) and opens it again: a Berth restart. */
  async reopen(): Promise<void> {
    await this.core.close();
    this.core = await openCore({ dataDir: this.dataDir, logLevel: 'debug' });
  }

  /** Purges every instance in every scope it knows, then removes the folder. */
  async dispose(): Promise<void> {
    const listed = await this.call('instances.list', { includeDeleted: true }).catch(() => null);
    for (const instance of listed?.instances ?? []) {
      await this.call('instances.delete', { name: instance.name, purge: true }).catch(() => null);
    }
    await this.core.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
