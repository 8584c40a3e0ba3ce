import { describe, expect, it } from 'vitest';
import { API } from '../../src-shared/api';
import {
  checkParams,
  INVOKABLE_METHODS,
  invokeChannel,
  isInvokableMethod,
  senderRefusal,
  unknownMethodEnvelope,
} from './ipc-contract';
import { isAppUrl } from './navigation-policy';

const trusted = { webContentsId: 3, isAppUrl };
const fromApp = { webContentsId: 3, frameUrl: 'berth://app/index.html', isMainFrame: true };

describe('the IPC surface', () => {
  it('is the whole contract, one channel per method', () => {
    expect(INVOKABLE_METHODS.sort()).toEqual(Object.keys(API).sort());
    expect(invokeChannel('instances.list')).toBe('berth:invoke:instances.list');
  });

  it('knows the contract’s methods and nothing else', () => {
    expect(isInvokableMethod('instances.start')).toBe(true);
    expect(isInvokableMethod('toString')).toBe(false);
    expect(isInvokableMethod('fs.readFile')).toBe(false);
    expect(unknownMethodEnvelope('fs.readFile')).toEqual({
      code: 'INVALID_INPUT',
      message: 'Unknown method "fs.readFile"',
    });
  });
});

describe('who may call the core', () => {
  it('accepts the top frame of Berth’s window on Berth’s page', () => {
    expect(senderRefusal(fromApp, trusted)).toBeNull();
  });

  it('refuses everyone while there is no window', () => {
    expect(senderRefusal(fromApp, { ...trusted, webContentsId: null })).toBe(
      'Berth has no window open',
    );
  });

  it('refuses other webContents, subframes and foreign pages', () => {
    expect(senderRefusal({ ...fromApp, webContentsId: 4 }, trusted)).toContain('webContents 4');
    expect(senderRefusal({ ...fromApp, isMainFrame: false }, trusted)).toContain('subframes');
    expect(senderRefusal({ ...fromApp, frameUrl: 'file:///tmp/x.html' }, trusted)).toContain(
      'is not Berth',
    );
  });
});

describe('the params of a call', () => {
  it('pass through parsed when the schema accepts them', () => {
    expect(checkParams('instances.stop', { name: 'web', force: true })).toEqual({
      ok: true,
      params: { name: 'web', force: true },
    });
    expect(checkParams('instances.list', undefined)).toEqual({ ok: true, params: {} });
  });

  it('are refused with INVALID_INPUT naming the field', () => {
    const checked = checkParams('instances.launch', { image: '' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error.code).toBe('INVALID_INPUT');
    expect(checked.error.message).toMatch(/^Invalid request for instances\.launch: image/);
  });
});
