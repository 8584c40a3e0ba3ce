/**
 * `berth serve`: the Berth window in a browser. Starts the core (or reaches the process that
 * owns it), serves the built renderer and the contract on 127.0.0.1, prints one URL with the
 * run's token, and runs until Ctrl-C or SIGTERM.
 *
 * Known limitation: when it serves through another owner (`berth daemon`) and that owner
 * ends, the page's calls fail until `berth serve` is restarted; it does not take the core
 * over, because the client to the owner has no way to report that it closed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../../../src-shared/errors';
import { logDir } from '../../core/data-dir';
import { createLogger, fileSink, type Logger, logLevelFromEnv } from '../../core/logger';
import { type Bridge, startBridge } from '../../transports/bridge/bridge-server';
import { defaultRendererDir, INDEX_FILE } from '../../transports/bridge/static-files';
import { expectPositionals, parseCommandArgs, parseWholeNumber } from '../args';
import type { Command, CommandContext } from '../command';
import { EXIT } from '../errors';
import { type OpenedPage, openBrowserProblem, openInBrowser } from '../open-browser';
import type { CoreAccess } from '../session';
import { usageText } from '../usage';

const usage = usageText({
  synopsis: ['serve [--port <port>] [--no-open]'],
  description: [
    'Serve the Berth window to your browser on 127.0.0.1 until Ctrl-C or SIGTERM. Prints',
    'one URL carrying a token made for this run; only that URL opens the window. Works',
    'whether this process owns the data directory or another one (`berth daemon`, the app)',
    'already does. Serves the build in dist/renderer (BERTH_RENDERER_DIR overrides it);',
    "run 'npm run build' first.",
  ].join('\n'),
  options: [
    ['--port <port>', 'Listen on this port (default: a free one)'],
    ['--no-open', 'Do not open the window in the browser'],
  ],
});

const OPTIONS = {
  port: { type: 'string' },
  'no-open': { type: 'boolean' },
} as const;

/** The `serve` command. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the Berth window to your browser on 127.0.0.1',
  usage,
  run: async (argv, ctx) => {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, usage);
    expectPositionals(positionals, [], usage);
    const port = values.port === undefined ? 0 : parseWholeNumber(values.port, '--port', 1, 65535);
    const rootDir = ctx.env.BERTH_RENDERER_DIR || defaultRendererDir();
    requireBuiltWindow(rootDir);

    // Listen for the signals before serving so one arriving during start-up is not missed.
    const terminated = ctx.signals.untilTerminated();
    const log = bridgeLogger(ctx);
    await ctx.session.withDispatcher(async (dispatcher, access) => {
      const bridge = await startBridge(dispatcher, { port, rootDir, log });
      // Probe every driver now, while the URL is being opened, so the window's first
      // driver list comes from the cache instead of spawning tools while the page waits.
      void dispatcher.dispatch('drivers.list', { fresh: true });
      const page = await announce(ctx, bridge, access, values['no-open'] === true, log);
      try {
        await terminated;
      } finally {
        await page?.remove();
        await bridge.close();
      }
    });
    ctx.output.err('Stopped.\n');
    return EXIT.ok;
  },
};

function requireBuiltWindow(rootDir: string): void {
  const index = join(rootDir, INDEX_FILE);
  if (existsSync(index)) return;
  throw new BerthError('NOT_FOUND', `The Berth window is not built: ${index} is missing`, [
    "Run 'npm run build' first.",
  ]);
}

/** Bridge lines go to their own file beside the core's log. */
function bridgeLogger(ctx: CommandContext): Logger {
  const sink = fileSink(join(logDir(ctx.dataDir), 'bridge.log'));
  return createLogger(sink, logLevelFromEnv(ctx.env), 'bridge');
}

/** Prints the URL (the only stdout line), opens the browser when it can, and says so. */
async function announce(
  ctx: CommandContext,
  bridge: Bridge,
  access: CoreAccess,
  noOpen: boolean,
  log: Logger,
): Promise<OpenedPage | null> {
  ctx.output.out(`${bridge.url}\n`);
  const owner = access === 'owned' ? 'this process owns it' : 'through the process that owns it';
  ctx.output.err(`Serving the Berth window for ${ctx.dataDir} (${owner}).\n`);

  const situation = {
    env: ctx.env,
    platform: process.platform,
    interactive: ctx.output.interactive === true,
  };
  const problem = noOpen ? 'asked not to' : openBrowserProblem(situation);
  let page: OpenedPage | null = null;
  if (problem === null) {
    page = await openInBrowser(bridge.url, ctx.dataDir).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log.warn('could not open the browser', { message });
      return null;
    });
  }
  const next = page ? 'Opened it in your browser.' : 'Open the URL above in your browser.';
  ctx.output.err(`${next} Press Ctrl-C to stop.\n`);
  return page;
}
