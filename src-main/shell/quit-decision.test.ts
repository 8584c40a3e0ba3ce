import { describe, expect, it } from 'vitest';
import { decideQuit, outcomeOfAnswer, parseQuitSetting, quitQuestion } from './quit-decision';

describe('what Quit does', () => {
  it('quits at once when nothing runs, whatever the setting', () => {
    for (const setting of ['ask', 'stop', 'leave'] as const) {
      expect(decideQuit(setting, 0)).toBe('quit-now');
    }
  });

  it('asks, stops first, or leaves instances running, as the setting says', () => {
    expect(decideQuit('ask', 2)).toBe('ask');
    expect(decideQuit('stop', 2)).toBe('stop-then-quit');
    expect(decideQuit('leave', 2)).toBe('quit-now');
  });

  it('asks when the setting is missing or unknown', () => {
    expect(parseQuitSetting(undefined)).toBe('ask');
    expect(parseQuitSetting('sometimes')).toBe('ask');
    expect(parseQuitSetting('leave')).toBe('leave');
  });
});

describe('the answer to the quit question', () => {
  it('stays when cancelled, and never remembers a cancel', () => {
    expect(outcomeOfAnswer('cancel', true)).toEqual({ decision: 'stay', remember: null });
  });

  it('stops then quits, remembering it only with "don’t ask again"', () => {
    expect(outcomeOfAnswer('stop', false)).toEqual({ decision: 'stop-then-quit', remember: null });
    expect(outcomeOfAnswer('stop', true)).toEqual({
      decision: 'stop-then-quit',
      remember: 'stop',
    });
  });

  it('leaves instances running and quits, remembered as "leave"', () => {
    expect(outcomeOfAnswer('leave', true)).toEqual({ decision: 'quit-now', remember: 'leave' });
  });

  it('asks in words that count the instances', () => {
    expect(quitQuestion(1).message).toBe('1 instance is running. Stop it before quitting?');
    expect(quitQuestion(3).message).toBe('3 instances are running. Stop them before quitting?');
  });
});
