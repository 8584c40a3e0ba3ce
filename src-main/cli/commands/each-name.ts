/** Runs one step per instance name, reporting each failure and carrying on with the rest. */
import { BerthError } from '../../../src-shared/errors';
import type { CommandContext } from '../command';
import { describeError, EXIT, exitCodeFor } from '../errors';

/**
 * Calls `step` for each name (or each `<name>:<path>`, for mounts) in turn. A failure is
 * printed and the next one is tried, except after a cancel (Ctrl-C), which stops the whole
 * command. Returns the first failure's exit code.
 */
export async function forEachName<T = string>(
  ctx: CommandContext,
  names: readonly T[],
  step: (name: T) => Promise<void>,
): Promise<number> {
  let exitCode: number = EXIT.ok;
  for (const name of names) {
    try {
      await step(name);
    } catch (error) {
      ctx.output.err(describeError(error));
      if (exitCode === EXIT.ok) exitCode = exitCodeFor(error);
      if (error instanceof BerthError && error.code === 'CANCELLED') break;
    }
  }
  return exitCode;
}
