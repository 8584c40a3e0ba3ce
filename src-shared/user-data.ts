/**
 * Checks a user's cloud-init user-data before anything is created. Pure (no Node imports) so the
 * core and the renderer's launch dialog give the same answer.
 */
import { isMap, isSeq, parseDocument, type YAMLError } from 'yaml';
import { BerthError } from './errors';

/** Largest user-data accepted, in bytes of UTF-8 (the API's limit too). */
export const USER_DATA_MAX_BYTES = 1_000_000;

/**
 * First-line markers of cloud-init formats that are not YAML (scripts, include lists, boothooks,
 * part handlers, Jinja templates, MIME multipart). cloud-init reads these itself; Berth passes
 * them through unchecked.
 */
const PASS_THROUGH_PREFIXES = [
  '#!',
  '#include',
  '#cloud-boothook',
  '#part-handler',
  '## template:',
  'content-type:',
];

/**
 * Why `text` cannot be used as user-data, or null when it can. YAML errors name the line and
 * column; a `#cloud-config` document must be a mapping (or empty).
 */
export function validateUserData(text: string): string | null {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > USER_DATA_MAX_BYTES) {
    return `user-data is too large: ${bytes} bytes (the limit is ${USER_DATA_MAX_BYTES})`;
  }

  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').trim();
  const lower = firstLine.toLowerCase();
  if (PASS_THROUGH_PREFIXES.some((prefix) => lower.startsWith(prefix))) return null;

  const document = parseDocument(text);
  const error = document.errors[0];
  if (error) return describeYamlError(error);

  // `#cloud-config-archive` shares the prefix but holds a list, so compare the whole line.
  if (firstLine === '#cloud-config') return cloudConfigShapeProblem(document.contents);
  return null;
}

/** Throws BerthError('INVALID_INPUT') with the reason when `text` is not usable user-data. */
export function assertValidUserData(text: string): void {
  const problem = validateUserData(text);
  if (problem) throw new BerthError('INVALID_INPUT', problem);
}

function describeYamlError(error: YAMLError): string {
  // The library's message repeats the position and adds a source excerpt; keep the first clause.
  const reason = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+.*$/, '');
  const position = error.linePos?.[0];
  const where = position ? ` (line ${position.line}, column ${position.col})` : '';
  return `user-data is not valid YAML${where}: ${reason}`;
}

function cloudConfigShapeProblem(contents: unknown): string | null {
  // A header with nothing under it is an empty configuration, which cloud-init accepts.
  if (contents === null || isMap(contents)) return null;
  const found = isSeq(contents) ? 'a list' : 'a single value';
  return `#cloud-config user-data must be a mapping of keys to values, but it is ${found}`;
}
