/** `berth get|set`: read and change settings such as `local.driver`. */
import { expectPositionals, FORMAT_FLAG, parseCommandArgs, parseFormat } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { renderView, type View } from '../format/render';
import { renderTable } from '../format/table';
import { FORMAT_OPTION, usageText } from '../usage';

const getUsage = usageText({
  synopsis: ['get <key> [--format <format>]', 'get --keys'],
  description: 'Print the value of a setting, or every setting and its value with --keys.',
  options: [['--keys', 'List every setting with its value'], FORMAT_OPTION],
});

const getOptions = { keys: { type: 'boolean' }, ...FORMAT_FLAG } as const;

type Setting = { key: string; value: string };

function settingView(setting: Setting): View {
  return {
    data: setting,
    table: () => `${setting.value}\n`,
    csv: () => [
      ['Key', 'Value'],
      [setting.key, setting.value],
    ],
  };
}

function settingsView(settings: readonly Setting[]): View {
  const rows = settings.map((s) => [s.key, s.value]);
  return {
    data: settings,
    table: () => renderTable(['Key', 'Value'], rows),
    csv: () => [['Key', 'Value'], ...rows],
  };
}

/** The `get` command. */
export const getCommand: Command = {
  name: 'get',
  summary: 'Print a setting',
  usage: getUsage,
  run: async (argv, ctx) => {
    const { values, positionals } = parseCommandArgs(argv, getOptions, getUsage);
    const format = parseFormat(values.format, getUsage);
    if (values.keys === true) {
      expectPositionals(positionals, [], getUsage);
      const all = await ctx.session.withClient((client) => client.call('settings.list', {}));
      ctx.output.out(renderView(format, settingsView(all)));
      return EXIT.ok;
    }

    expectPositionals(positionals, ['<key>'], getUsage);
    const key = positionals[0] ?? '';
    const setting = await ctx.session.withClient((client) => client.call('settings.get', { key }));
    ctx.output.out(renderView(format, settingView(setting)));
    return EXIT.ok;
  },
};

const setUsage = usageText({
  synopsis: ['set <key>=<value>'],
  description: 'Change a setting, e.g. `berth set local.driver=qemu`.',
});

/** Splits `key=value` at the first "=" (values may contain "="). */
export function parseAssignment(text: string, usage = setUsage): Setting {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new UsageError(`Expected <key>=<value>, got "${text}"`, usage);
  return { key: text.slice(0, equals), value: text.slice(equals + 1) };
}

/** The `set` command. */
export const setCommand: Command = {
  name: 'set',
  summary: 'Change a setting',
  usage: setUsage,
  run: async (argv, ctx) => {
    const { positionals } = parseCommandArgs(argv, {}, setUsage);
    expectPositionals(positionals, ['<key>=<value>'], setUsage);
    const setting = parseAssignment(positionals[0] ?? '');
    await ctx.session.withClient((client) => client.call('settings.set', setting));
    return EXIT.ok;
  },
};
