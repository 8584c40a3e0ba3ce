import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from './app-protocol';

const dir = '/opt/berth/dist/renderer';

describe('files served on berth://app', () => {
  it('answers the root with index.html as HTML', () => {
    expect(resolveAppAsset('berth://app/', dir)).toEqual({
      path: join(dir, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
  });

  it('serves the bundle’s script and styles with their types', () => {
    expect(resolveAppAsset('berth://app/app.js', dir)?.contentType).toBe(
      'text/javascript; charset=utf-8',
    );
    expect(resolveAppAsset('berth://app/app.css?v=1', dir)?.path).toBe(join(dir, 'app.css'));
  });

  it('refuses paths that climb out of the renderer folder, plain or encoded', () => {
    expect(resolveAppAsset('berth://app/../../etc/passwd.html', dir)?.path).toBe(
      join(dir, 'etc', 'passwd.html'),
    );
    // The URL parser folds encoded dots into the path too, so they stay inside as well.
    expect(resolveAppAsset('berth://app/%2e%2e/%2e%2e/etc/passwd.html', dir)?.path).toBe(
      join(dir, 'etc', 'passwd.html'),
    );
    expect(resolveAppAsset('berth://app/..%2F..%2Fsecret.js', dir)).toBeNull();
    expect(resolveAppAsset('berth://app/a%5C..%5Cb.js', dir)).toBeNull();
    expect(resolveAppAsset('berth://app/x%00.js', dir)).toBeNull();
  });

  it('refuses other hosts and types the renderer never serves', () => {
    expect(resolveAppAsset('berth://other/index.html', dir)).toBeNull();
    expect(resolveAppAsset('berth://app/secrets.txt', dir)).toBeNull();
    expect(resolveAppAsset('not a url', dir)).toBeNull();
  });
});
