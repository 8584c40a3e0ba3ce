/**
 * The CLI's own terminal, for `berth exec` and `berth shell`: raw bytes in and out, raw mode,
 * and window size. Behind an interface so tests can type into a session and read what it
 * printed; this module is the one place those commands touch the process's streams.
 */

/** A terminal size in character cells. */
export interface TerminalSize {
  cols: number;
  rows: number;
}

/** What the guest commands need from the CLI's terminal. */
export interface TerminalIo {
  readonly stdinIsTerminal: boolean;
  readonly stdoutIsTerminal: boolean;
  size(): TerminalSize;
  /** Switches stdin to raw mode (keys go to the guest as typed); returns the restore. */
  enterRawMode(): () => void;
  /** Calls `listener` whenever the window changes size; returns the unsubscribe. */
  onResize(listener: () => void): () => void;
  /** Calls `listener` when the terminal goes away (SIGHUP); returns the unsubscribe. */
  onHangUp(listener: () => void): () => void;
  /**
   * Reads stdin chunk by chunk, waiting for each `onChunk` before reading on (so a fast pipe
   * cannot outrun the guest), then calls `onEnd`. Returns the function that stops reading.
   */
  readInput(onChunk: (chunk: Buffer) => Promise<void>, onEnd: () => void): () => void;
  writeStdout(data: Buffer): void;
  writeStderr(data: Buffer): void;
}

/** The usual size when the terminal does not say. */
const FALLBACK_SIZE: TerminalSize = { cols: 80, rows: 24 };

/** The process's own streams. */
export function processTerminalIo(): TerminalIo {
  const { stdin, stdout, stderr } = process;
  return {
    stdinIsTerminal: stdin.isTTY === true,
    stdoutIsTerminal: stdout.isTTY === true,
    size: () => ({
      cols: stdout.columns || FALLBACK_SIZE.cols,
      rows: stdout.rows || FALLBACK_SIZE.rows,
    }),
    enterRawMode: () => {
      if (!stdin.isTTY) return () => undefined;
      stdin.setRawMode(true);
      return () => stdin.setRawMode(false);
    },
    onResize: (listener) => {
      // SIGWINCH alone does not exist on Windows; stdout's 'resize' covers every platform.
      stdout.on('resize', listener);
      return () => {
        stdout.off('resize', listener);
      };
    },
    onHangUp: (listener) => {
      process.once('SIGHUP', listener);
      return () => {
        process.off('SIGHUP', listener);
      };
    },
    readInput: (onChunk, onEnd) => readStream(stdin, onChunk, onEnd),
    writeStdout: (data) => {
      stdout.write(data);
    },
    writeStderr: (data) => {
      stderr.write(data);
    },
  };
}

function readStream(
  stream: NodeJS.ReadStream,
  onChunk: (chunk: Buffer) => Promise<void>,
  onEnd: () => void,
): () => void {
  const resume = () => {
    stream.resume();
  };
  const onData = (chunk: Buffer) => {
    stream.pause();
    void onChunk(chunk).then(resume, resume);
  };
  stream.on('data', onData);
  stream.once('end', onEnd);
  stream.resume();
  return () => {
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.pause();
  };
}
