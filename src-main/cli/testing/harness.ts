/** Runs `main` against a fake core in a temp data dir, capturing output and raising signals. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreOptions } from '../../core/core';
import type { ApiHandlers } from '../../transports/dispatcher';
import { createFakeCore, type FakeCore } from '../../transports/testing/fake-core';
import { main } from '../main';
import type { Signals } from '../signals';

/** One CLI test environment. */
export interface Harness {
  dataDir: string;
  cwd: string;
  /** The CLI's environment; tests may add variables before `run`. */
  env: NodeJS.ProcessEnv;
  core: FakeCore;
  /** How many times the CLI opened the core itself. */
  opened: CoreOptions[];
  stdout: string;
  stderr: string;
  run(argv: string[]): Promise<number>;
  /** Simulates Ctrl-C. */
  interrupt(): void;
  /** Simulates SIGTERM for `berth daemon`. */
  terminate(): void;
  /** Replaces how the CLI opens the core (default: returns `core`). */
  openCore: (options: CoreOptions) => Promise<FakeCore>;
  dispose(): Promise<void>;
}

/** Builds a harness; `overrides` replace fake handlers and may use the harness itself. */
export async function createHarness(
  overrides: (h: Harness) => Partial<ApiHandlers> = () => ({}),
): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-cli-'));
  const interruptHandlers = new Set<() => void>();
  const terminators: ((signal: string) => void)[] = [];
  const signals: Signals = {
    onInterrupt: (handler) => {
      interruptHandlers.add(handler);
      return () => interruptHandlers.delete(handler);
    },
    untilTerminated: () => new Promise((resolve) => terminators.push(resolve)),
  };

  const h: Harness = {
    dataDir,
    cwd: '/work/project',
    env: { BERTH_HOME: dataDir },
    core: createFakeCore(),
    opened: [],
    stdout: '',
    stderr: '',
    openCore: async (options) => {
      h.opened.push(options);
      return h.core;
    },
    run: (argv) =>
      main(argv, {
        output: {
          out: (text) => {
            h.stdout += text;
          },
          err: (text) => {
            h.stderr += text;
          },
        },
        env: h.env,
        cwd: h.cwd,
        signals,
        openCore: (options) => h.openCore(options),
        busyRetryMs: 1000,
      }),
    interrupt: () => {
      for (const handler of [...interruptHandlers]) handler();
    },
    terminate: () => {
      for (const resolve of terminators.splice(0)) resolve('SIGTERM');
    },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
  h.core = createFakeCore(overrides(h));
  return h;
}

/** Resolves once `check` holds, polling; fails the test after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
