/**
 * The add-remote form's fields, checked before anything is sent: the same name rule as the
 * core (src-shared/targets.ts), and the URL form the core accepts (https://host[:port]).
 */
import type { ApiRequest } from '../../src-shared/api';
import { REMOTE_NAME_PATTERN } from '../../src-shared/targets';

/** How the server comes to trust Berth. */
export type TrustWay = 'token' | 'fingerprint';

/** What the user typed. */
export interface RemoteFields {
  name: string;
  url: string;
  token: string;
  /** A token (the default), or Berth's certificate trusted on the server beforehand. */
  trust?: TrustWay;
  /** The server certificate's SHA-256, for `trust: 'fingerprint'`. */
  fingerprint?: string;
}

/** A field's problem, for people; fields without one are absent. */
export type RemoteProblems = Partial<Record<keyof RemoteFields, string>>;

/** An empty form. */
export const EMPTY_REMOTE: RemoteFields = { name: '', url: '', token: '', fingerprint: '' };

/** A fingerprint as `lxc info` prints it, or with colons: 64 hexadecimal digits. */
function fingerprintProblem(text: string): string | null {
  if (text === '') return "Paste the server's certificate fingerprint (lxc info on the server)";
  const digits = text.toLowerCase().replace(/:/g, '');
  return /^[0-9a-f]{64}$/.test(digits) ? null : 'A fingerprint is 64 hexadecimal digits';
}

function trustProblem(fields: RemoteFields): [keyof RemoteFields, string | null] {
  if (fields.trust === 'fingerprint') {
    return ['fingerprint', fingerprintProblem((fields.fingerprint ?? '').trim())];
  }
  return ['token', fields.token.trim() === '' ? 'Paste the trust token made on the server' : null];
}

function nameProblem(name: string, taken: readonly string[]): string | null {
  if (name === '') return 'Give the remote a short name, such as lab';
  if (!REMOTE_NAME_PATTERN.test(name)) {
    return 'A lower-case letter first, then letters, digits or dashes (at most 32)';
  }
  return taken.includes(name) ? `A remote called ${name} already exists` : null;
}

function urlProblem(text: string): string | null {
  if (text === '') return "Give the server's address, such as https://lab.example:8443";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Write it as https://host:8443';
  }
  if (url.protocol !== 'https:') return 'LXD servers are reached over https://';
  if (url.pathname.replace(/\/$/, '') !== '' || url.search || url.hash) {
    return 'Only https://host and an optional port, no path';
  }
  return null;
}

/** Every problem with `fields`; `taken` are the names of the remotes already added. */
export function remoteProblems(fields: RemoteFields, taken: readonly string[]): RemoteProblems {
  const checks: [keyof RemoteFields, string | null][] = [
    ['name', nameProblem(fields.name.trim(), taken)],
    ['url', urlProblem(fields.url.trim())],
    trustProblem(fields),
  ];
  const problems: RemoteProblems = {};
  for (const [field, problem] of checks) if (problem) problems[field] = problem;
  return problems;
}

/** The remotes.add request for checked `fields`. */
export function addRemoteRequest(fields: RemoteFields): ApiRequest<'remotes.add'> {
  const where = { name: fields.name.trim(), url: fields.url.trim().replace(/\/$/, '') };
  if (fields.trust === 'fingerprint') {
    return { ...where, fingerprint: (fields.fingerprint ?? '').trim().toLowerCase() };
  }
  // Tokens are base64 text; a paste often brings a newline or spaces along.
  return { ...where, token: fields.token.replace(/\s+/g, '') };
}
