/** What every CLI command looks like, and what it gets to work with. */
import type { Output } from './output';
import type { Session } from './session';
import type { Signals } from './signals';

/** Everything a command may use; tests build one with fakes. */
export interface CommandContext {
  output: Output;
  /** The directory relative paths are resolved against. */
  cwd: string;
  dataDir: string;
  /** The environment the CLI runs in (BERTH_* variables, DISPLAY). */
  env: NodeJS.ProcessEnv;
  session: Session;
  signals: Signals;
}

/** One `berth <name>` command. */
export interface Command {
  name: string;
  /** One line for `berth help`. */
  summary: string;
  /** Full help text (see usageText). */
  usage: string;
  /** Parses `argv` (the words after the command name) and runs; returns the exit code. */
  run(argv: string[], ctx: CommandContext): Promise<number>;
}
