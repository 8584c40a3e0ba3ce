import { rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_TOKEN_COOKIE } from '../../../src-shared/bridge';
import { createLogger, memorySink } from '../../core/logger';
import { createFakeCore } from '../testing/fake-core';
import { type Bridge, startBridge } from './bridge-server';
import { makeRendererDir, rawRequest, tokenCookieHeader } from './testing/loopback';

let rootDir: string;
let bridge: Bridge;
let logLines: string[];

beforeEach(async () => {
  rootDir = await makeRendererDir();
  const sink = memorySink();
  logLines = sink.lines;
  bridge = await startBridge(createFakeCore().dispatcher, {
    rootDir,
    log: createLogger(sink, 'debug', 'bridge'),
  });
});

afterEach(async () => {
  await bridge.close();
  await rm(dirname(rootDir), { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  rawRequest(bridge.port, { path, headers, method });
const withToken = (path: string) => `${path}?token=${bridge.token}`;

describe('the bridge page', () => {
  it('prints a loopback URL with a fresh 32-byte base64url token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(bridge.port).toBeGreaterThan(0);
  });

  it('serves index.html with the strict CSP and sets the token cookie', async () => {
    const response = await get(withToken('/'));

    expect(response.status).toBe(200);
    expect(response.body).toContain('Berth window');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const port = bridge.port;
    expect(response.headers['content-security-policy']).toBe(
      [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        `connect-src ws://127.0.0.1:${port} ws://localhost:${port}`,
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['set-cookie']).toEqual([
      `${BRIDGE_TOKEN_COOKIE}=${bridge.token}; HttpOnly; SameSite=Strict; Path=/`,
    ]);
  });

  it('serves assets by cookie alone, with their content types', async () => {
    const js = await get('/app.js', tokenCookieHeader(bridge.token));
    const css = await get('/app.css', tokenCookieHeader(bridge.token));

    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['set-cookie']).toBeUndefined();
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toBe('body { margin: 0; }\n');
  });

  it('accepts localhost as the host name too, and answers HEAD without a body', async () => {
    const host = `localhost:${bridge.port}`;
    const response = await get(withToken('/'), { host, origin: `http://${host}` }, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
    expect(Number(response.headers['content-length'])).toBeGreaterThan(0);
  });

  it('answers 404 for a file that is not there, without counting a refusal', async () => {
    const response = await get(withToken('/missing.js'));
    expect(response.status).toBe(404);
    expect(Object.values(bridge.refusals()).every((n) => n === 0)).toBe(true);
  });
});

describe('what the bridge refuses', () => {
  it('refuses a page load without the token with 401', async () => {
    const response = await get('/');
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body).toBe('Open the URL berth serve printed\n');
    expect(bridge.refusals().noToken).toBe(1);
  });

  it('refuses a wrong token by query or cookie with 401', async () => {
    expect((await get('/?token=guess')).status).toBe(401);
    expect((await get('/app.js', tokenCookieHeader('guess'))).status).toBe(401);
    expect(bridge.refusals().badToken).toBe(2);
  });

  it('refuses a foreign Origin with 403 even with the right token', async () => {
    const response = await get(withToken('/'), { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.body).toBe('Requests from other sites are refused\n');
    expect(bridge.refusals().badOrigin).toBe(1);
  });

  it('refuses a rebound host name with 403 (DNS rebinding)', async () => {
    const host = `evil.example:${bridge.port}`;
    const response = await get(withToken('/'), { host });
    expect(response.status).toBe(403);
    expect(response.body).toBe('Host is not Berth on this computer\n');
    expect(bridge.refusals().badHost).toBe(1);
  });

  it('refuses the right host name on another port', async () => {
    const response = await get(withToken('/'), { host: `127.0.0.1:${bridge.port + 1}` });
    expect(response.status).toBe(403);
  });

  it('never serves a file outside the renderer folder', async () => {
    await writeFile(join(rootDir, '..', 'secret.txt'), 'secret');
    const cookie = tokenCookieHeader(bridge.token);

    const encoded = await get('/..%2fsecret.txt', cookie);
    const backslash = await get('/..%5csecret.txt', cookie);
    const literal = await get('/../secret.txt', cookie);

    expect(encoded.status).toBe(403);
    expect(backslash.status).toBe(403);
    // A literal ".." is resolved by URL parsing, so it stays inside the folder and is missing.
    expect(literal.status).toBe(404);
    for (const response of [encoded, backslash, literal]) {
      expect(response.body).not.toContain('secret');
    }
    expect(bridge.refusals().badPath).toBe(2);
  });

  it('refuses a symlink that points out of the folder', async () => {
    await writeFile(join(rootDir, '..', 'secret.txt'), 'secret');
    await symlink(join(rootDir, '..', 'secret.txt'), join(rootDir, 'link.txt'));
    const response = await get('/link.txt', tokenCookieHeader(bridge.token));
    expect(response.status).toBe(403);
    expect(response.body).not.toContain('secret');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get(withToken('/'), {}, 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(bridge.refusals().badMethod).toBe(1);
  });

  it('logs each refusal once at warn with its reason, never the token', async () => {
    await get('/?token=guess');
    const warnings = logLines.filter((line) => line.includes('WARN'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"reason":"badToken"');
    expect(warnings[0]).not.toContain('guess');
    expect(logLines.join('\n')).not.toContain(bridge.token);
  });

  it('thins out the log when one reason floods it, but counts every refusal', async () => {
    for (let i = 0; i < 15; i++) await get('/');
    expect(bridge.refusals().noToken).toBe(15);
    const warnings = logLines.filter((line) => line.includes('WARN'));
    expect(warnings).toHaveLength(11);
    expect(warnings[10]).toContain('further "noToken" refusals are logged once per 1000');
  });
});

describe('starting and stopping', () => {
  it('stops listening on close', async () => {
    const { port } = bridge;
    await bridge.close();
    await expect(rawRequest(port, { path: '/' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    bridge = await startBridge(createFakeCore().dispatcher, { rootDir });
  });

  it('says BUSY when the asked-for port is taken', async () => {
    const failure = startBridge(createFakeCore().dispatcher, { rootDir, port: bridge.port });
    await expect(failure).rejects.toMatchObject({ code: 'BUSY' });
  });
});
