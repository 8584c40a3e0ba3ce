/** For parser tests: what a call threw. */

/** The error `fn` throws; fails the test when it returns instead. */
export function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}
