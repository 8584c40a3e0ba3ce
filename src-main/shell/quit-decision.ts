/**
 * What Quit does, from the `client.quit-action` setting and how many instances run. The shell
 * shows the dialog only when this says 'ask'; the answer can be remembered as the setting.
 */

/** The values of `client.quit-action`. */
export type QuitSetting = 'ask' | 'stop' | 'leave';

/** What Quit should do now. */
export type QuitDecision = 'quit-now' | 'stop-then-quit' | 'ask';

/** The choices the ask dialog offers. */
export type QuitAnswer = 'stop' | 'leave' | 'cancel';

/** Reads the setting's text; anything unknown means asking, the safe choice. */
export function parseQuitSetting(value: string | undefined): QuitSetting {
  return value === 'stop' || value === 'leave' ? value : 'ask';
}

/**
 * The decision for `setting` with `runningCount` instances up. Nothing running means there is
 * nothing to ask about or stop, whatever the setting.
 */
export function decideQuit(setting: QuitSetting, runningCount: number): QuitDecision {
  if (runningCount === 0) return 'quit-now';
  if (setting === 'stop') return 'stop-then-quit';
  if (setting === 'leave') return 'quit-now';
  return 'ask';
}

/** What the dialog's answer leads to, and the setting to store when "don't ask again" is on. */
export interface AnswerOutcome {
  decision: QuitDecision | 'stay';
  remember: QuitSetting | null;
}

/** Turns the ask dialog's answer into a decision; Cancel is never remembered. */
export function outcomeOfAnswer(answer: QuitAnswer, dontAskAgain: boolean): AnswerOutcome {
  if (answer === 'cancel') return { decision: 'stay', remember: null };
  const decision = answer === 'stop' ? 'stop-then-quit' : 'quit-now';
  return { decision, remember: dontAskAgain ? answer : null };
}

/** The ask dialog's words for `runningCount` running instances. */
export function quitQuestion(runningCount: number): { message: string; detail: string } {
  const them = runningCount === 1 ? 'it' : 'them';
  const count = runningCount === 1 ? '1 instance is' : `${runningCount} instances are`;
  return {
    message: `${count} running. Stop ${them} before quitting?`,
    detail:
      'Instances left running keep running after Berth quits; ' +
      `Berth finds ${them} again next time.`,
  };
}
