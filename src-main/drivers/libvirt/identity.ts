/**
 * How an instance folder maps to a libvirt domain: a name and UUID derived from the folder,
 * so two Berth data folders on one daemon never share a domain and a redefinition keeps its
 * UUID (libvirt refuses to redefine a name under a different one).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';

function digest(dir: string): string {
  return createHash('sha256').update(`berth-libvirt:${dir}`).digest('hex');
}

/** The libvirt domain name of instance `name` kept in `dir`: `berth-<name>-<8 hex>`. */
export function domainNameOf(name: string, dir: string): string {
  return `berth-${name}-${digest(dir).slice(0, 8)}`;
}

/** A UUID (version 4 layout) fixed by the instance folder. */
export function domainUuidOf(dir: string): string {
  const hex = digest(dir);
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/** The files only the libvirt driver keeps in an instance folder. */
export interface LibvirtFiles {
  /** A raw copy of the UEFI variable store: libvirt 9.0 only takes raw NVRAM. */
  nvram: string;
  /** The last domain XML defined, kept for people reading the folder. */
  domainXml: string;
  /**
   * Written after a managed save of this folder's domain. A managed save without it belongs to
   * an earlier instance of the same name and folder (purged meanwhile) and is never resumed.
   */
  savedMarker: string;
}

/** The libvirt driver's files in `dir`. */
export function libvirtFiles(dir: string): LibvirtFiles {
  return {
    nvram: join(dir, 'efi-vars.fd'),
    domainXml: join(dir, 'libvirt-domain.xml'),
    savedMarker: join(dir, 'libvirt-saved.json'),
  };
}
