import { describe, expect, it } from 'vitest';
import { BerthError, type ErrorCode } from '../../src-shared/errors';
import { describeError, exitCodeFor, UsageError } from './errors';

describe('exit codes', () => {
  it.each<[ErrorCode, number]>([
    ['INVALID_INPUT', 2],
    ['NOT_FOUND', 3],
    ['INVALID_STATE', 4],
    ['UNSUPPORTED', 4],
    ['DRIVER_UNAVAILABLE', 5],
    ['HYPERVISOR_ERROR', 5],
    ['CANCELLED', 6],
    ['TIMEOUT', 6],
    ['ALREADY_EXISTS', 1],
    ['BUSY', 1],
    ['INTERNAL', 1],
  ])('maps %s to %i', (code, exit) => {
    expect(exitCodeFor(new BerthError(code, 'x'))).toBe(exit);
  });

  it('gives 2 for usage errors and 1 for anything unexpected', () => {
    expect(exitCodeFor(new UsageError('bad'))).toBe(2);
    expect(exitCodeFor(new TypeError('bug'))).toBe(1);
    expect(exitCodeFor('thrown string')).toBe(1);
  });
});

describe('error text', () => {
  it('prints the message and indents the details', () => {
    const error = new BerthError('HYPERVISOR_ERROR', 'QEMU exited', ['line one', 'line two']);
    expect(describeError(error)).toBe('berth: QEMU exited\n  line one\n  line two\n');
  });

  it('follows a usage error with the usage, or with a pointer to help', () => {
    expect(describeError(new UsageError('Unknown option --x', 'Usage: berth list\n'))).toBe(
      'berth: Unknown option --x\n\nUsage: berth list\n',
    );
    expect(describeError(new UsageError('Unknown command "x"'))).toBe(
      'berth: Unknown command "x"\nRun \'berth help\' to see the commands.\n',
    );
  });
});
