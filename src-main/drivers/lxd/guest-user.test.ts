import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asGuestUser, type ExecMode } from './guest-user';

/** Stand-ins for the guest's id, su and sh: id knows `KNOWN_USER` only, the others echo. */
const stubs = mkdtempSync(join(tmpdir(), 'berth-guest-user-'));
const stub = (name: string, body: string) =>
  writeFileSync(join(stubs, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
stub('id', '[ "$2" = "$KNOWN_USER" ]');
// Like util-linux's su: its help lists --session-command.
stub('su', '[ "$1" = --help ] && echo "  --session-command <command>" && exit 0\necho "su $*"');
stub('sh', 'echo "sh $*"');
afterAll(() => rmSync(stubs, { recursive: true, force: true }));

/** Runs the wrapper as LXD would, against the stand-ins, on a guest that has user `known`. */
function dryRun(
  argv: string[] | null,
  user: string,
  known: string,
  mode: ExecMode = 'pipes',
): string {
  const [shell, flag, script = '', ...args] = asGuestUser(argv, user, mode);
  expect([shell, flag]).toEqual(['sh', '-c']);
  const env = { PATH: `${stubs}:/usr/bin:/bin`, KNOWN_USER: known };
  return execFileSync('/bin/sh', ['-c', script, ...args], { encoding: 'utf8', env });
}

// The wrapper is a POSIX script for Linux guests; the dry run needs a POSIX shell here too.
describe.skipIf(process.platform === 'win32')('running LXD commands as the instance user', () => {
  it('runs a piped command through su -l as that user, words kept whole', () => {
    expect(dryRun(['printf', 'a b'], 'ubuntu', 'ubuntu')).toBe("su -l ubuntu -c 'printf' 'a b'\n");
  });

  it('keeps a command on a terminal in the terminal’s session when su can', () => {
    expect(dryRun(['top'], 'ubuntu', 'ubuntu', 'terminal')).toBe(
      "su -l ubuntu --session-command 'top'\n",
    );
  });

  it('opens that user’s login shell', () => {
    expect(dryRun(null, 'ubuntu', 'ubuntu', 'terminal')).toBe('su -l ubuntu\n');
  });

  it('falls back to root when the image has no such user', () => {
    expect(dryRun(['true'], 'ubuntu', 'nobody-here')).toBe("sh -c 'true'\n");
    expect(dryRun(null, 'ubuntu', 'nobody-here', 'terminal')).toBe('su -l\n');
  });

  it('runs root’s commands as they are', () => {
    expect(asGuestUser(['id', '-u'], 'root', 'pipes')).toEqual(['id', '-u']);
    expect(asGuestUser(null, 'root', 'terminal')).toEqual(['su', '-l']);
  });
});
