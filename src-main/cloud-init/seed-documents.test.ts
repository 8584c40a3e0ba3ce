import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSeedDocuments, EMPTY_USER_DATA, natMacAddress } from './seed-documents';

const publicKey =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINuswNTcTMvLK3XlU79L0R0LSrlJfkaNqYsl9H2jk1BL ' +
  'berth@a-rather-long-host-name.example.com';

const base = {
  instanceName: 'web-1',
  instanceId: 'i-42',
  publicKey,
  sshUser: 'ubuntu',
  macAddress: '52:54:00:AB:cd:01',
};

/** Parses as cloud-init does: YAML 1.1. */
function load(text: string): unknown {
  return parse(text, { version: '1.1' });
}

describe('buildSeedDocuments', () => {
  it('names the instance in meta-data', () => {
    const docs = buildSeedDocuments(base);

    expect(load(docs['meta-data'])).toEqual({ 'instance-id': 'i-42', 'local-hostname': 'web-1' });
  });

  it('keeps a hostname YAML 1.1 would read as a boolean a string', () => {
    const docs = buildSeedDocuments({ ...base, instanceName: 'no' });

    expect(load(docs['meta-data'])).toMatchObject({ 'local-hostname': 'no' });
  });

  it('authorizes Berth key on its own line in vendor-data', () => {
    const docs = buildSeedDocuments({ ...base, timezone: 'Europe/Paris' });
    const vendor = docs['vendor-data'];

    expect(vendor.startsWith('#cloud-config\n')).toBe(true);
    expect(vendor).toContain(`ssh_authorized_keys:\n  - ${publicKey}\n`);
    expect(load(vendor)).toEqual({ ssh_authorized_keys: [publicKey], timezone: 'Europe/Paris' });
  });

  it('uses a minimal cloud-config when the user gives no user-data', () => {
    const docs = buildSeedDocuments(base);

    expect(docs['user-data']).toBe(EMPTY_USER_DATA);
    expect(load(docs['user-data'])).toEqual({});
  });

  it('passes the user document through untouched', () => {
    const userData = '#cloud-config\npackages: [htop]  # keep this comment\n';

    expect(buildSeedDocuments({ ...base, userData })['user-data']).toBe(userData);
  });

  it('refuses user-data that is not usable', () => {
    expect(() => buildSeedDocuments({ ...base, userData: '#cloud-config\n[1, 2]\n' })).toThrow(
      /must be a mapping/,
    );
  });

  it('asks for DHCP on the instance MAC and its NAT twin, whatever their names', () => {
    const config = load(buildSeedDocuments(base)['network-config']);

    expect(config).toEqual({
      version: 2,
      ethernets: {
        default: { match: { macaddress: '52:54:00:ab:cd:01' }, dhcp4: true },
        nat: { match: { macaddress: '52:54:00:2b:cd:01' }, dhcp4: true },
      },
    });
  });

  it('derives the NAT MAC in the same locally administered range, distinct and stable', () => {
    expect(natMacAddress('52:54:00:12:34:56')).toBe('52:54:00:92:34:56');
    expect(natMacAddress('52:54:00:92:34:56')).toBe('52:54:00:12:34:56');
    expect(natMacAddress('52:54:00:AB:00:01')).toBe('52:54:00:2b:00:01');
  });
});
