import { describe, expect, it } from 'vitest';
import { parseImageAlias } from './image-alias';

describe('image aliases', () => {
  it.each([
    ['images:debian/12', 'https://images.linuxcontainers.org', 'debian/12'],
    ['ubuntu:24.04', 'https://cloud-images.ubuntu.com/releases', '24.04'],
    ['ubuntu-daily:noble', 'https://cloud-images.ubuntu.com/daily', 'noble'],
    ['images:alpine/3.20/cloud', 'https://images.linuxcontainers.org', 'alpine/3.20/cloud'],
  ])('maps %s to LXD simplestreams remote', (image, server, alias) => {
    expect(parseImageAlias(image)).toEqual({ name: image, server, alias });
  });

  it.each([
    './images:debian/12',
    '/srv/ubuntu:24.04.img',
    'file:///srv/a.img',
    'https://example.org/a.img',
    'constructor:x',
    'debian:12',
    'images:',
    'images:../../etc',
    'images:a b',
  ])('leaves %j to be a local file', (image) => {
    expect(parseImageAlias(image)).toBeNull();
  });
});
