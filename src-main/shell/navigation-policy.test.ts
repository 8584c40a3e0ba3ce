import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  navigationVerdict,
  permissionAllowed,
  windowOpenVerdict,
} from './navigation-policy';

describe('where the window may navigate', () => {
  it('stays on Berth’s own page, whatever the path or fragment', () => {
    expect(navigationVerdict(APP_INDEX_URL)).toBe('allow');
    expect(navigationVerdict('berth://app/index.html#settings')).toBe('allow');
  });

  it('sends https links to the user’s browser instead', () => {
    expect(navigationVerdict('https://cloud-images.ubuntu.com/')).toBe('open-external');
  });

  it('refuses every other scheme and host', () => {
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'berth://evil/index.html',
      'data:text/html,<p>hi',
      'not a url',
    ]) {
      expect(navigationVerdict(url), url).toBe('deny');
    }
  });

  it('refuses https links carrying credentials, which disguise their real host', () => {
    expect(navigationVerdict('https://berth.app@evil.test/')).toBe('deny');
  });
});

describe('window.open', () => {
  it('never opens an Electron window, not even for Berth’s own page', () => {
    expect(windowOpenVerdict(APP_INDEX_URL)).toBe('deny');
    expect(windowOpenVerdict('http://example.com/')).toBe('deny');
  });

  it('opens https links in the browser', () => {
    expect(windowOpenVerdict('https://example.com/docs')).toBe('open-external');
  });
});

describe('the page’s other privileges', () => {
  it('recognises only the app origin as Berth’s page', () => {
    expect(isAppUrl('berth://app/')).toBe(true);
    expect(isAppUrl('berth://app.evil/')).toBe(false);
    expect(isAppUrl('https://app/')).toBe(false);
  });

  it('denies every permission request', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      expect(permissionAllowed(permission), permission).toBe(false);
    }
  });

  it('has a content-security policy that starts from nothing and allows only the app', () => {
    const directives = CONTENT_SECURITY_POLICY.split('; ');
    expect(directives[0]).toBe("default-src 'none'");
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("object-src 'none'");
    expect(directives).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
