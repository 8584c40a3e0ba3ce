/** Builds the help text every command prints for `--help` and after a usage error. */

/** One option line: the flags as typed ("-n, --name <name>") and what it does. */
export type OptionHelp = readonly [flags: string, description: string];

/** What a command's help says. */
export interface UsageSpec {
  /** Forms of the command after "berth", e.g. "launch <image> [options]". */
  synopsis: readonly string[];
  description: string;
  options?: readonly OptionHelp[];
}

const HELP_OPTION: OptionHelp = ['-h, --help', 'Show this help'];

/** Formats usage text: synopsis lines, the description, and an aligned option list. */
export function usageText(spec: UsageSpec): string {
  const [first, ...others] = spec.synopsis;
  const lines = [`Usage: berth ${first}`, ...others.map((form) => `       berth ${form}`)];
  lines.push('', spec.description, '');

  // Long flags without a short form line up with the long flags of those that have one.
  const options = [...(spec.options ?? []), HELP_OPTION].map(([flags, description]) => ({
    flags: `${flags.startsWith('--') ? '      ' : '  '}${flags}`,
    description,
  }));
  const width = Math.max(...options.map(({ flags }) => flags.length)) + 2;
  lines.push('Options:');
  for (const { flags, description } of options) lines.push(`${flags.padEnd(width)}${description}`);
  return `${lines.join('\n')}\n`;
}

/** The `--format` option's help line. */
export const FORMAT_OPTION: OptionHelp = [
  '--format <format>',
  'Output format: table (default), json, csv or yaml',
];
