import { describe, expect, it } from 'vitest';
import type { ApiEventPayload } from '../../src-shared/api';
import type { ErrorEnvelope } from '../../src-shared/errors';
import { notificationFor } from './notification-policy';

const finished = (
  kind: string,
  error: ErrorEnvelope | null = null,
): ApiEventPayload<'operation.finished'> => ({
  operationId: 'op-1',
  instance: 'web',
  kind,
  error,
});

describe('native notifications for finished operations', () => {
  it('says a launch finished while the window was hidden', () => {
    expect(notificationFor(finished('launch'), false)).toEqual({
      title: 'web launched',
      body: 'Berth finished the launch of web.',
    });
  });

  it('says an operation failed, with the core’s message', () => {
    const failed = finished('start', { code: 'TIMEOUT', message: 'SSH did not answer in 120 s' });
    expect(notificationFor(failed, false)).toEqual({
      title: 'web: start failed',
      body: 'SSH did not answer in 120 s',
    });
  });

  it('stays quiet while the window is in view: its task area says it already', () => {
    expect(notificationFor(finished('launch'), true)).toBeNull();
    expect(notificationFor(finished('start', { code: 'TIMEOUT', message: 'x' }), true)).toBeNull();
  });

  it('stays quiet for cancelled operations and quick or routine ones', () => {
    expect(
      notificationFor(finished('stop', { code: 'CANCELLED', message: 'x' }), false),
    ).toBeNull();
    for (const kind of ['delete', 'recover', 'purge', 'attach']) {
      expect(notificationFor(finished(kind), false), kind).toBeNull();
    }
  });

  it('words driver-switch parking plainly', () => {
    expect(notificationFor(finished('park-suspend'), false)?.title).toBe(
      'web suspended for the driver switch',
    );
    expect(notificationFor(finished('resize'), false)?.title).toBe('web finished resize');
  });
});
