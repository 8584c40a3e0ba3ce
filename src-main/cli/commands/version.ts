/** `berth version`: this build's version, and the owner process's when one is running. */
import type { ApiResponse } from '../../../src-shared/api';
import { expectPositionals, FORMAT_FLAG, parseCommandArgs, parseFormat } from '../args';
import type { Command } from '../command';
import { EXIT } from '../errors';
import { renderView, type View } from '../format/render';
import { FORMAT_OPTION, usageText } from '../usage';
import { BERTH_VERSION } from '../version';

const usage = usageText({
  synopsis: ['version [--format <format>]'],
  description: [
    "Show Berth's version. When another process owns the data directory (the app or",
    '`berth daemon`), its version and process id are shown too. Never starts the core.',
  ].join('\n'),
  options: [FORMAT_OPTION],
});

type Owner = ApiResponse<'system.ping'> | null;

function versionView(owner: Owner): View {
  // Multipass prints "multipass" and "multipassd" lines; the owner plays multipassd's part.
  const rows = [['berth', BERTH_VERSION]];
  if (owner) rows.push(['berth owner', `${owner.version} (pid ${owner.pid})`]);
  return {
    data: { berth: BERTH_VERSION, owner },
    table: () => rows.map(([name = '', value]) => `${name.padEnd(13)}${value}\n`).join(''),
    csv: () => [
      ['Berth', 'Owner version', 'Owner pid'],
      [BERTH_VERSION, owner?.version ?? '', owner ? String(owner.pid) : ''],
    ],
  };
}

/** The `version` command. */
export const versionCommand: Command = {
  name: 'version',
  summary: 'Show the version',
  usage,
  run: async (argv, ctx) => {
    const { values, positionals } = parseCommandArgs(argv, FORMAT_FLAG, usage);
    const format = parseFormat(values.format, usage);
    expectPositionals(positionals, [], usage);

    const client = await ctx.session.tryConnect();
    let owner: Owner = null;
    if (client) {
      // An owner that fails to answer is reported as absent: this command must not fail on it.
      owner = await client.call('system.ping', {}).catch(() => null);
      await client.close();
    }
    ctx.output.out(renderView(format, versionView(owner)));
    return EXIT.ok;
  },
};
