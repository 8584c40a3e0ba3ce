import { describe, expect, it } from 'vitest';
import { checkRequest, parseTarget } from './request-checks';
import { createBridgeToken, tokenMatches } from './token';

const site = { port: 4000, token: 'right-token' };
const check = (headers: Record<string, string>, query = '', originRequired = false) =>
  checkRequest({ headers, search: new URLSearchParams(query), originRequired }, site)?.reason ??
  null;

describe('bridge request checks', () => {
  it('passes Berth’s own page with the token by query or by any cookie of that name', () => {
    const host = { host: '127.0.0.1:4000' };
    expect(check(host, 'token=right-token')).toBeNull();
    expect(
      check({ ...host, cookie: 'a=1; berth-token=stale; berth-token=right-token' }),
    ).toBeNull();
    expect(
      check({ host: 'LOCALHOST:4000', origin: 'http://localhost:4000' }, 'token=right-token'),
    ).toBeNull();
  });

  it('checks the host first, then the origin, then the token', () => {
    expect(check({ host: 'evil.example:4000', origin: 'http://evil.example:4000' })).toBe(
      'badHost',
    );
    expect(check({ host: '127.0.0.1:4000', origin: 'null' }, 'token=right-token')).toBe(
      'badOrigin',
    );
    expect(check({ host: '127.0.0.1:4000' }, 'token=right-token', true)).toBe('badOrigin');
    expect(check({ host: '127.0.0.1:4000' })).toBe('noToken');
    expect(check({ host: '127.0.0.1:4000', cookie: 'berth-token=' })).toBe('badToken');
    expect(check({})).toBe('badHost');
  });

  it('only takes origin-form request targets', () => {
    expect(parseTarget('/app.js?token=x')?.pathname).toBe('/app.js');
    expect(parseTarget('http://evil.example/')).toBeNull();
    expect(parseTarget('//evil.example/')).toBeNull();
    expect(parseTarget(undefined)).toBeNull();
  });
});

describe('bridge tokens', () => {
  it('are different every time and compare equal only to themselves', () => {
    const token = createBridgeToken();
    expect(createBridgeToken()).not.toBe(token);
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(1), token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
  });
});
