/** `berth remote add|list|remove`: remote LXD servers, each its own scope ("lxd@lab"). */
import { text } from 'node:stream/consumers';
import type { RemoteInfo } from '../../../src-shared/api';
import { expectPositionals, FORMAT_FLAG, parseCommandArgs, parseFormat } from '../args';
import type { Command, CommandContext } from '../command';
import { EXIT, UsageError } from '../errors';
import { renderView, type View } from '../format/render';
import { renderTable } from '../format/table';
import { FORMAT_OPTION, usageText } from '../usage';

const usage = usageText({
  synopsis: [
    'remote add <name> <url> <token|->',
    'remote add <name> <url> --fingerprint <sha256>',
    'remote certificate',
    'remote list [--format <format>]',
    'remote remove <name> [--force]',
  ],
  description: [
    'Add a remote LXD server or cluster by URL with a trust token made on it',
    '(`lxc config trust add` there; `-` reads the token from standard input, which keeps it',
    "out of your shell history), or, once the server trusts Berth's certificate (printed by",
    "`berth remote certificate`), with the server certificate's SHA-256 fingerprint as",
    '`lxc info` shows it there. The remote becomes its own scope: select it with',
    '`berth set local.driver=lxd@<name>`. Removing a remote forgets its pinned certificate',
    'and the instances Berth listed for it; the instances themselves stay on the server.',
  ].join('\n'),
  options: [
    ['--fingerprint <sha256>', "add: the server certificate's fingerprint, instead of a token"],
    ['--force', 'remove: also when Berth lists instances on the remote'],
    FORMAT_OPTION,
  ],
});

const options = {
  force: { type: 'boolean' },
  fingerprint: { type: 'string' },
  ...FORMAT_FLAG,
} as const;
const HEADERS = ['Name', 'Target', 'URL', 'Fingerprint', 'Added'];

function remotesView(remotes: readonly RemoteInfo[]): View {
  const rows = remotes.map((r) => [
    r.name,
    r.target,
    r.url,
    r.serverFingerprint.slice(0, 12),
    r.addedAt.slice(0, 10),
  ]);
  return {
    data: remotes,
    table: () => (rows.length === 0 ? 'No remotes.\n' : renderTable(HEADERS, rows)),
    csv: () => [HEADERS, ...rows],
  };
}

async function readToken(value: string): Promise<string> {
  return value === '-' ? (await text(process.stdin)).trim() : value;
}

async function add(
  positionals: string[],
  fingerprint: string | undefined,
  ctx: CommandContext,
): Promise<number> {
  const wanted = fingerprint === undefined ? ['<name>', '<url>', '<token>'] : ['<name>', '<url>'];
  expectPositionals(positionals, wanted, usage);
  const [name = '', url = '', tokenArgument] = positionals;
  const trust =
    tokenArgument === undefined ? { fingerprint } : { token: await readToken(tokenArgument) };
  const remote = await ctx.session.withClient((client) =>
    client.call('remotes.add', { name, url, ...trust }),
  );
  ctx.output.out(
    `Added ${remote.name} (${remote.url}). Use it with: berth set local.driver=${remote.target}\n`,
  );
  return EXIT.ok;
}

/** The `remote` command. */
export const remoteCommand: Command = {
  name: 'remote',
  summary: 'Add, list or remove remote LXD servers',
  usage,
  run: async (argv, ctx) => {
    const { values, positionals } = parseCommandArgs(argv, options, usage);
    const [action, ...rest] = positionals;
    if (action === 'add') return add(rest, values.fingerprint, ctx);
    if (action === 'certificate') {
      expectPositionals(rest, [], usage);
      const cert = await ctx.session.withClient((client) => client.call('remotes.certificate', {}));
      ctx.output.out(cert.certPem);
      ctx.output.err(`SHA-256 fingerprint: ${cert.fingerprint}\n`);
      return EXIT.ok;
    }
    if (action === 'list') {
      expectPositionals(rest, [], usage);
      const format = parseFormat(values.format, usage);
      const remotes = await ctx.session.withClient((client) => client.call('remotes.list', {}));
      ctx.output.out(renderView(format, remotesView(remotes)));
      return EXIT.ok;
    }
    if (action === 'remove') {
      expectPositionals(rest, ['<name>'], usage);
      const name = rest[0] ?? '';
      const force = values.force === true;
      await ctx.session.withClient((client) => client.call('remotes.remove', { name, force }));
      ctx.output.out(`Removed ${name}; its instances stay on the server.\n`);
      return EXIT.ok;
    }
    throw new UsageError(
      action ? `Unknown action "${action}"` : 'Say add, list, remove or certificate',
      usage,
    );
  },
};
