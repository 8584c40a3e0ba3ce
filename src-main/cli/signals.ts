/** Ctrl-C and termination signals, behind an interface so tests can raise them. */

/** The signals the CLI reacts to. */
export interface Signals {
  /**
   * Calls `handler` on the first Ctrl-C. A second Ctrl-C gets Node's default behaviour (the
   * process ends), so a stuck cancel can always be escaped. Returns the unsubscribe function.
   */
  onInterrupt(handler: () => void): () => void;
  /** Resolves with the signal's name on the first SIGINT or SIGTERM. */
  untilTerminated(): Promise<string>;
}

/** The process's real signals. */
export const processSignals: Signals = {
  onInterrupt: (handler) => {
    process.once('SIGINT', handler);
    return () => {
      process.off('SIGINT', handler);
    };
  },
  untilTerminated: () =>
    new Promise((resolve) => {
      const onSignal = (signal: NodeJS.Signals) => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve(signal);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }),
};
