import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentTypeFor, findStaticFile } from './static-files';
import { makeRendererDir } from './testing/loopback';

let root: string;

beforeEach(async () => {
  root = await makeRendererDir();
  await writeFile(join(root, '..', 'outside.txt'), 'no');
});

afterEach(async () => {
  await rm(dirname(root), { recursive: true, force: true });
});

describe('finding renderer files', () => {
  it('maps / to index.html and finds files in subfolders', async () => {
    await mkdir(join(root, 'fonts'));
    await writeFile(join(root, 'fonts', 'a.woff2'), '');
    expect(await findStaticFile(root, '/')).toMatchObject({
      kind: 'file',
      path: join(root, 'index.html'),
    });
    expect(await findStaticFile(root, '/fonts/a.woff2')).toMatchObject({
      kind: 'file',
      contentType: 'font/woff2',
    });
  });

  it('refuses paths that leave the folder however they are spelled', async () => {
    for (const path of ['/..%2foutside.txt', '/%2e%2e/outside.txt', '/a/..%5c..%5coutside.txt']) {
      expect(await findStaticFile(root, path)).toEqual({ kind: 'refused' });
    }
    expect(await findStaticFile(root, '/%00index.html')).toEqual({ kind: 'refused' });
    expect(await findStaticFile(root, '/%E0%A4%A')).toEqual({ kind: 'refused' });
  });

  it('refuses a symlink out of the folder and reports folders as missing', async () => {
    await symlink(join(root, '..', 'outside.txt'), join(root, 'out.txt'));
    await mkdir(join(root, 'sub'));
    expect(await findStaticFile(root, '/out.txt')).toEqual({ kind: 'refused' });
    expect(await findStaticFile(root, '/sub')).toEqual({ kind: 'missing' });
    expect(await findStaticFile(root, '/nope.js')).toEqual({ kind: 'missing' });
  });

  it('names content types by extension, opaque bytes otherwise', () => {
    expect(contentTypeFor('app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('data.bin')).toBe('application/octet-stream');
  });
});
