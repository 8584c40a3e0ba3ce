import { describe, expect, it } from 'vitest';
import type { LaunchSource } from '../driver';
import { aliasedImage } from './create';
import type { LxdInstanceType, LxdProbeResult } from './probe';

const probed = (types: LxdInstanceType[]): LxdProbeResult => ({
  probe: {
    available: true,
    version: '5.0.2',
    acceleration: null,
    warnings: [],
    reason: null,
    fix: null,
  },
  endpoint: null,
  types,
  cloudInitKeys: true,
});

const remoteImage = {
  name: 'images:debian/12',
  server: 'https://images.linuxcontainers.org',
  alias: 'debian/12',
};
const source = (type?: LxdInstanceType): LaunchSource => ({
  disk: '',
  remoteImage,
  ...(type ? { type } : {}),
});

describe('the type of an instance launched by alias', () => {
  it('is a virtual machine where the server runs them, as Multipass does', () => {
    expect(aliasedImage(source(), probed(['container', 'virtual-machine'])).type).toBe(
      'virtual-machine',
    );
  });

  it('is a system container on a server that cannot run virtual machines', () => {
    expect(aliasedImage(source(), probed(['container'])).type).toBe('container');
  });

  it('is what the launch asked for', () => {
    const both = probed(['container', 'virtual-machine']);
    expect(aliasedImage(source('container'), both).type).toBe('container');
  });
});
