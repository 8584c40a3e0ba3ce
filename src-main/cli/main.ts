/**
 * The CLI entry: picks the command, runs it, and turns whatever it throws into `berth: ...`
 * on stderr and an exit code (see errors.ts for the table).
 */
import { resolveDataDir } from '../core/data-dir';
import { wantsHelp } from './args';
import type { CommandContext } from './command';
import { versionCommand } from './commands/version';
import { describeError, EXIT, exitCodeFor, UsageError } from './errors';
import { type Output, processOutput } from './output';
import { findCommand, generalUsage } from './registry';
import { createSession, type OpenCore } from './session';
import { processSignals, type Signals } from './signals';

/** What the CLI takes from its surroundings; tests replace any of it. */
export interface CliDeps {
  output: Output;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signals: Signals;
  openCore?: OpenCore;
  /** See SessionOptions.busyRetryMs. */
  busyRetryMs?: number;
}

/** Runs `berth <argv...>` and resolves with the exit code; never rejects. */
export async function main(argv: string[], deps: Partial<CliDeps> = {}): Promise<number> {
  const output = deps.output ?? processOutput;
  try {
    return await runCommand(argv, () => buildContext(deps, output));
  } catch (error) {
    output.err(describeError(error));
    return exitCodeFor(error);
  }
}

function buildContext(deps: Partial<CliDeps>, output: Output): CommandContext {
  const env = deps.env ?? process.env;
  const dataDir = resolveDataDir(env);
  const session = createSession({
    dataDir,
    ...(deps.openCore ? { openCore: deps.openCore } : {}),
    ...(deps.busyRetryMs !== undefined ? { busyRetryMs: deps.busyRetryMs } : {}),
  });
  return {
    output,
    cwd: deps.cwd ?? process.cwd(),
    dataDir,
    env,
    session,
    signals: deps.signals ?? processSignals,
  };
}

async function runCommand(argv: string[], context: () => CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    context().output.err(generalUsage());
    return EXIT.usage;
  }
  if (name === 'help' || name === '--help' || name === '-h') return help(rest, context());
  if (name === '--version' || name === '-V') return versionCommand.run(rest, context());

  const command = findCommand(name);
  if (!command) throw new UsageError(`Unknown command "${name}"`);
  const ctx = context();
  if (wantsHelp(rest)) {
    ctx.output.out(command.usage);
    return EXIT.ok;
  }
  return command.run(rest, ctx);
}

function help(argv: string[], ctx: CommandContext): number {
  const [topic, extra] = argv;
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}"`);
  if (topic === undefined || topic === 'help') {
    ctx.output.out(generalUsage());
    return EXIT.ok;
  }
  const command = findCommand(topic);
  if (!command) throw new UsageError(`Unknown command "${topic}"`);
  ctx.output.out(command.usage);
  return EXIT.ok;
}
