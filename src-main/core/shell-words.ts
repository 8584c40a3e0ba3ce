/**
 * Turning an argument array into one POSIX shell line, for the two places a guest takes a
 * command as a string: SSH's exec request and `su -c`.
 */

/** One shell line that runs `argv` word for word: every word single-quoted. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(quoteWord).join(' ');
}

/** `word` single-quoted; a quote inside becomes '\'' (close, escaped quote, reopen). */
function quoteWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
