/** Awaiting a request that must fail: the BerthError it failed with. */
import { expect } from 'vitest';
import { BerthError } from '../../src-shared/errors';

/** Resolves with the BerthError `promise` rejects with; fails the test if it resolves. */
export async function refusal(promise: Promise<unknown>): Promise<BerthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BerthError);
  return error as BerthError;
}
