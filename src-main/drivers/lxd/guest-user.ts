/**
 * LXD's exec API runs commands as root. Berth runs them as the instance's own user instead,
 * as SSH does on the other drivers, so `berth exec vm -- touch ~/x` means the same on every
 * driver. `su -l` gives that user's login environment and groups; an image without the user
 * (no cloud-init) falls back to root rather than failing.
 *
 * On a terminal a command must keep it as its controlling terminal: for Ctrl-C, for programs
 * that open /dev/tty (sudo's prompt), and so that hanging the terminal up ends it. `su -c`
 * starts a new session without one, so util-linux's `--session-command` is used there when
 * the guest's su has it. (It is discouraged for a root shell whose terminal an unprivileged
 * command could type into; this terminal is the user's own and ends with the command.)
 */
import { shellLine } from '../../core/shell-words';

/** The POSIX script: $0 is the user, $1 the command line ('' for a login shell), $2 the mode. */
const AS_USER = [
  'if id -u "$0" >/dev/null 2>&1; then',
  '  [ -n "$1" ] || exec su -l "$0"',
  '  if [ "$2" = terminal ] && su --help 2>&1 | grep -q -e --session-command; then',
  '    exec su -l "$0" --session-command "$1"',
  '  fi',
  '  exec su -l "$0" -c "$1"',
  'fi',
  '[ -n "$1" ] && exec sh -c "$1"',
  'exec su -l',
].join('\n');

/** Whether the command runs on a terminal or on plain pipes. */
export type ExecMode = 'terminal' | 'pipes';

/** The argv LXD runs for `argv` (null: a login shell) as guest user `user`. */
export function asGuestUser(
  argv: readonly string[] | null,
  user: string,
  mode: ExecMode,
): string[] {
  if (user === 'root') return argv ? [...argv] : ['su', '-l'];
  return ['sh', '-c', AS_USER, user, argv ? shellLine(argv) : '', mode];
}
