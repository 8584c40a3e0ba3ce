/**
 * Runs one long request (launch, start, stop...) as a followed operation: its progress goes to
 * stderr, and Ctrl-C asks the core to cancel it instead of abandoning it half done.
 */
import { randomUUID } from 'node:crypto';
import type { BerthClient } from '../../src-shared/api';
import type { CommandContext } from './command';

/** Runs `request` with a fresh operation id, reporting its progress and cancelling on Ctrl-C. */
export async function runOperation<T>(
  ctx: CommandContext,
  client: BerthClient,
  request: (operationId: string) => Promise<T>,
): Promise<T> {
  const operationId = `cli-${randomUUID()}`;
  const stopProgress = client.on('operation.progress', (progress) => {
    if (progress.operationId === operationId) ctx.output.err(`${progress.message}\n`);
  });
  const stopInterrupt = ctx.signals.onInterrupt(() => {
    ctx.output.err('Cancelling... (press Ctrl-C again to quit without waiting)\n');
    // The request itself then fails with CANCELLED, which is what gets reported.
    client.call('operations.cancel', { operationId }).catch(() => undefined);
  });

  try {
    return await request(operationId);
  } finally {
    stopProgress();
    stopInterrupt();
  }
}
