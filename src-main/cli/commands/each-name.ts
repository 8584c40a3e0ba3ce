/** Runs one step per instance name, reporting each failure and carrying on with the rest. */
import { BerthError } from '../../../src-shared/errors';
import type { CommandContext } from '../command';
import { describeError, EXIT, exitCodeFor } from '../errors';

/**
 * Calls `step` for each name in turn. A failure is printed and the next name is tried, except
 * after a cancel (Ctrl-C), which stops the whole command. Returns the first failure's exit code.
 */
export async function forEachName(
  ctx: CommandContext,
  names: readonly string[],
  step: (name: string) => Promise<void>,
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
