/**
 * The add-remote form's fields, checked before anything is sent: the same name rule as the
 * core (src-shared/targets.ts), and the URL form the core accepts (https://host[:port]).
 */
import type { ApiRequest } from '../../src-shared/api';
import { REMOTE_NAME_PATTERN } from '../../src-shared/targets';

/** What the user typed. */
export interface RemoteFields {
  name: string;
  url: string;
  token: string;
}

/** A field's problem, for people; fields without one are absent. */
export type RemoteProblems = Partial<Record<keyof RemoteFields, string>>;

/** An empty form. */
export const EMPTY_REMOTE: RemoteFields = { name: '', url: '', token: '' };

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
    ['token', fields.token.trim() === '' ? 'Paste the trust token made on the server' : null],
  ];
  const problems: RemoteProblems = {};
  for (const [field, problem] of checks) if (problem) problems[field] = problem;
  return problems;
}

/** The remotes.add request for checked `fields`. */
export function addRemoteRequest(fields: RemoteFields): ApiRequest<'remotes.add'> {
  // Tokens are base64 text; a paste often brings a newline or spaces along.
  const token = fields.token.replace(/\s+/g, '');
  return { name: fields.name.trim(), url: fields.url.trim().replace(/\/$/, ''), token };
}
