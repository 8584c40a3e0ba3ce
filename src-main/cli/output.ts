/**
 * The CLI's only way to print. Commands write through an Output so tests can capture it; this
 * module is the one place that touches the process's streams.
 */

/** Where the CLI prints: results on stdout, progress and errors on stderr. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal someone watches, not a pipe a script reads. */
  readonly interactive?: boolean;
}

/** The real streams. */
export const processOutput: Output = {
  interactive: process.stdout.isTTY === true,
  out: (text) => {
    process.stdout.write(text);
  },
  err: (text) => {
    process.stderr.write(text);
  },
};

/** Resolves once everything written so far has been handed to the OS, so exiting loses nothing. */
export async function flushProcessOutput(): Promise<void> {
  await Promise.all(
    [process.stdout, process.stderr].map(
      (stream) => new Promise<void>((resolve) => stream.write('', () => resolve())),
    ),
  );
}
