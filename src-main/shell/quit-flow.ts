/**
 * Quit as the `client.quit-action` setting says: at once, after stopping what runs, or after
 * asking. The ask dialog's "Don't ask again" stores the answer as the setting.
 */
import { dialog } from 'electron';
import type { Logger } from '../core/logger';
import {
  decideQuit,
  outcomeOfAnswer,
  parseQuitSetting,
  type QuitAnswer,
  quitQuestion,
} from './quit-decision';
import { runningInstances } from './shell-facts';
import type { ShellSession } from './shell-session';

/** Button order in the ask dialog; the index is what the dialog returns. */
const ANSWERS: readonly QuitAnswer[] = ['stop', 'leave', 'cancel'];

/** Resolves true when the app should quit now (anything to stop has been stopped). */
export async function confirmQuit(session: ShellSession, log: Logger): Promise<boolean> {
  const facts = session.facts();
  const running = runningInstances(facts);
  const setting = parseQuitSetting(facts.settings['client.quit-action']);
  let decision = decideQuit(setting, running.length);

  if (decision === 'ask') {
    const answer = await ask(running.length);
    const outcome = outcomeOfAnswer(answer.choice, answer.dontAskAgain);
    if (outcome.decision === 'stay') return false;
    if (outcome.remember) {
      await session.call('settings.set', { key: 'client.quit-action', value: outcome.remember });
    }
    decision = outcome.decision;
  }

  if (decision === 'stop-then-quit') {
    const names = running.map((i) => i.name);
    await stopAll(session, names, log);
  }
  return true;
}

async function ask(runningCount: number): Promise<{ choice: QuitAnswer; dontAskAgain: boolean }> {
  const { message, detail } = quitQuestion(runningCount);
  const result = await dialog.showMessageBox({
    type: 'question',
    title: 'Quit Berth',
    message,
    detail,
    buttons: ['Stop and Quit', 'Leave Running and Quit', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    checkboxLabel: "Don't ask again",
    checkboxChecked: false,
  });
  return { choice: ANSWERS[result.response] ?? 'cancel', dontAskAgain: result.checkboxChecked };
}

/** Stops every instance, all at once; one failing does not keep the others running. */
async function stopAll(session: ShellSession, names: string[], log: Logger): Promise<void> {
  const results = await Promise.allSettled(
    names.map((name) => session.call('instances.stop', { name })),
  );
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      const error = String(result.reason);
      log.warn('stop before quit failed', { instance: names[index], error });
    }
  });
}
