/**
 * Opening the bridge's page in the user's browser. The URL carries the token, and command
 * lines are visible to every user of the computer, so the browser is handed a small file
 * (readable only by this user) that redirects to the URL instead of the URL itself.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';

/** The redirecting page's file name inside the data directory. */
export const OPEN_PAGE_FILE = 'open-window.html';

/** What decides whether a browser can be opened. */
export interface OpenSituation {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Whether a person watches stdout; a script reading the URL opens it itself. */
  interactive: boolean;
}

/** Why the browser will not be opened, or null when it will be. */
export function openBrowserProblem(situation: OpenSituation): string | null {
  if (!situation.interactive) return 'stdout is not a terminal';
  const { env, platform } = situation;
  if (platform === 'darwin' || platform === 'win32') return null;
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no graphical display';
  return null;
}

/** The program and arguments that open `file` with the desktop's default handler. */
export function openerCommand(platform: NodeJS.Platform, file: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [file]];
  if (platform === 'win32') return ['explorer.exe', [file]];
  return ['xdg-open', [file]];
}

/** The redirecting page; the URL is built by the bridge and holds only URL-safe characters. */
export function redirectPage(url: string): string {
  const safe = url.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    '<!doctype html>',
    '<meta charset="utf-8">',
    `<meta http-equiv="refresh" content="0;url=${safe}">`,
    '<title>Berth</title>',
    `<p><a href="${safe}">Open Berth</a></p>`,
    '',
  ].join('\n');
}

/** An opened page: remove its file when serving ends. */
export interface OpenedPage {
  remove(): Promise<void>;
}

/**
 * Writes the redirecting page into `dataDir` and asks the desktop to open it (`command`
 * gives the opener; tests pass a harmless one). Resolves once the opener started; rejects
 * when it could not be started (not installed, say).
 */
export async function openInBrowser(
  url: string,
  dataDir: string,
  command: (file: string) => [string, string[]] = (file) => openerCommand(process.platform, file),
): Promise<OpenedPage> {
  const file = join(dataDir, OPEN_PAGE_FILE);
  const remove = () => rm(file, { force: true });
  // Removed first: writeFile keeps the mode of a file that is already there.
  await remove();
  await writeFile(file, redirectPage(url), { mode: 0o600 });

  const [program, args] = command(file);
  // Detached and not awaited: some openers only return when the browser they started ends.
  const opener = execa(program, args, { detached: true, cleanup: false, stdio: 'ignore' });
  opener.catch(() => undefined);
  try {
    await new Promise<void>((resolve, reject) => {
      opener.once('spawn', () => resolve());
      opener.once('error', reject);
    });
  } catch (error) {
    await remove();
    throw error;
  }
  opener.unref();
  return { remove };
}
