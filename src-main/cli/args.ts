/** Argument parsing shared by the commands: strict flags, and checks that match the core's. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { BerthError } from '../../src-shared/errors';
import { instanceNameProblem } from '../../src-shared/names';
import { UsageError } from './errors';

/** The flags a command accepts, in `node:util` parseArgs form. */
export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Output formats for commands that print data. */
export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'yaml'] as const;
/** One output format. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The `--format` flag's parseArgs definition. */
export const FORMAT_FLAG = { format: { type: 'string', default: 'table' } } as const;

/**
 * Parses `argv` strictly: unknown flags, missing values and stray values become a UsageError
 * carrying `usage`.
 */
export function parseCommandArgs<T extends OptionsConfig>(
  argv: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(cleanParseError(error), usage);
  }
}

/** Node's parseArgs messages carry advice about `--`; keep the part that names the problem. */
function cleanParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) return `Unknown option ${quoted}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return message.split('. ')[0] ?? message;
  return message;
}

/** True when `--help` or `-h` appears before a `--` terminator. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  return flags.includes('--help') || flags.includes('-h');
}

/** Checks a `--format` value. */
export function parseFormat(value: string | undefined, usage: string): OutputFormat {
  const format = value ?? 'table';
  if ((OUTPUT_FORMATS as readonly string[]).includes(format)) return format as OutputFormat;
  throw new UsageError(`Unknown format "${format}"; use ${OUTPUT_FORMATS.join(', ')}`, usage);
}

/** Throws the core's INVALID_INPUT message for the first name that breaks the name rules. */
export function checkNames(names: readonly string[], what = 'Instance name'): void {
  for (const name of names) {
    const problem = instanceNameProblem(name, what);
    if (problem) throw new BerthError('INVALID_INPUT', problem);
  }
}

/** Parses a whole number within bounds, or throws INVALID_INPUT naming the flag. */
export function parseWholeNumber(value: string, flag: string, min: number, max: number): number {
  const parsed = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (Number.isInteger(parsed) && parsed >= min && parsed <= max) return parsed;
  throw new BerthError(
    'INVALID_INPUT',
    `${flag} must be a whole number from ${min} to ${max} (got "${value}")`,
  );
}

/**
 * The instance names a command targets: the positionals, or none with `--all`. Both or
 * neither is a usage error.
 */
export function namesOrAll(
  positionals: string[],
  all: boolean | undefined,
  usage: string,
): string[] {
  if (all && positionals.length > 0)
    throw new UsageError('Give instance names or --all, not both', usage);
  if (!all && positionals.length === 0) {
    throw new UsageError('Give at least one instance name, or --all', usage);
  }
  checkNames(positionals);
  return positionals;
}

/** Requires exactly `count` positionals, named in the error by `what`. */
export function expectPositionals(
  positionals: string[],
  what: readonly string[],
  usage: string,
): void {
  if (positionals.length < what.length) {
    throw new UsageError(`Missing ${what.slice(positionals.length).join(' and ')}`, usage);
  }
  if (positionals.length > what.length) {
    throw new UsageError(`Unexpected argument "${positionals[what.length]}"`, usage);
  }
}
