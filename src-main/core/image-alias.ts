/**
 * Image aliases: "images:debian/12" or "ubuntu:24.04" name an image on one of LXD's own
 * simplestreams remotes, which drivers with `imageAliases` download themselves. Anything
 * else in the image argument is a local file.
 */
import type { RemoteImage } from '../drivers/driver';

/** The simplestreams remotes LXD knows by default, by the prefix that names them. */
export const IMAGE_SERVERS: ReadonlyMap<string, string> = new Map([
  ['images', 'https://images.linuxcontainers.org'],
  ['ubuntu', 'https://cloud-images.ubuntu.com/releases'],
  ['ubuntu-daily', 'https://cloud-images.ubuntu.com/daily'],
]);

/** "<remote>:<alias>", the alias being what simplestreams indexes ("debian/12", "noble"). */
const ALIAS_FORM = /^([a-z][a-z-]*):([A-Za-z0-9][A-Za-z0-9._/-]{0,199})$/;

/**
 * The remote image `image` names, or null when it is not an alias on a known remote (a
 * local file called "images:x" is still reachable as "./images:x").
 */
export function parseImageAlias(image: string): RemoteImage | null {
  const match = ALIAS_FORM.exec(image);
  const server = match?.[1] === undefined ? undefined : IMAGE_SERVERS.get(match[1]);
  if (!match?.[2] || !server) return null;
  return { name: image, server, alias: match[2] };
}

/** How the image argument's alias form reads, for messages. */
export const ALIAS_HINT = `${[...IMAGE_SERVERS.keys()].map((p) => `${p}:`).join(', ')}`;
