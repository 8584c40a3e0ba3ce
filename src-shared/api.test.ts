import { describe, expect, it } from 'vitest';
import { API, EVENTS, replyFrameSchema } from './api';
import { BerthError, fromErrorEnvelope, toErrorEnvelope } from './errors';

describe('the API contract', () => {
  it('declares a request and a response schema for every method', () => {
    for (const [method, spec] of Object.entries(API)) {
      expect(spec.request, method).toBeDefined();
      expect(spec.response, method).toBeDefined();
    }
    expect(Object.keys(EVENTS)).toContain('instance.changed');
  });

  it('refuses unknown fields in requests', () => {
    const parsed = API['instances.start'].request.safeParse({ name: 'web', sudo: true });
    expect(parsed.success).toBe(false);
  });

  it('carries errors as an envelope with a stable code', () => {
    const envelope = toErrorEnvelope(new BerthError('NOT_FOUND', 'Instance "x" does not exist'));
    expect(envelope).toEqual({ code: 'NOT_FOUND', message: 'Instance "x" does not exist' });
    expect(fromErrorEnvelope(envelope)).toBeInstanceOf(BerthError);
    expect(toErrorEnvelope(new Error('boom'))).toEqual({ code: 'INTERNAL', message: 'boom' });
    const reply = replyFrameSchema.safeParse({ id: 1, ok: false, error: envelope });
    expect(reply.success).toBe(true);
  });
});
