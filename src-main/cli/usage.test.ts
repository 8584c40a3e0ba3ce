import { describe, expect, it } from 'vitest';
import { generalUsage } from './registry';
import { usageText } from './usage';

describe('usage text', () => {
  it('aligns long-only flags with the long part of short+long flags', () => {
    const text = usageText({
      synopsis: ['demo <thing>', 'demo --all'],
      description: 'Does a demo.',
      options: [
        ['-n, --name <name>', 'A name'],
        ['--all', 'Everything'],
      ],
    });
    expect(text).toBe(
      [
        'Usage: berth demo <thing>',
        '       berth demo --all',
        '',
        'Does a demo.',
        '',
        'Options:',
        '  -n, --name <name>  A name',
        '      --all          Everything',
        '  -h, --help         Show this help',
        '',
      ].join('\n'),
    );
  });

  it('lists every command in the general help', () => {
    const text = generalUsage();
    for (const name of [
      'list',
      'launch',
      'stop',
      'exec',
      'shell',
      'restore',
      'drivers',
      'daemon',
      'serve',
      'help',
    ]) {
      expect(text).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });
});
