import { describe, expect, it } from 'vitest';
import { checkBridge, isRemoteScope } from './device-checks';
import type { ScopeRuntime } from './scope-runtime';

const inScope = (scope: string) => ({ scope }) as ScopeRuntime;

describe('device checks', () => {
  it('tells a remote server scope from this computer', () => {
    expect(isRemoteScope(inScope('lxd@lab'))).toBe(true);
    expect(isRemoteScope(inScope('lxd'))).toBe(false);
    expect(isRemoteScope(inScope('qemu'))).toBe(false);
  });

  it("leaves a remote server's bridges to the server, but still checks the name", async () => {
    await expect(checkBridge('nobridge0', true)).resolves.toBeUndefined();
    await expect(checkBridge('bad name', true)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(checkBridge('nobridge0', false)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'There is no bridge "nobridge0" on this computer',
    });
  });
});
