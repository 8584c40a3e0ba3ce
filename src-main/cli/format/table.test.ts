import { describe, expect, it } from 'vitest';
import { renderCsv, renderKeyValues, renderTable } from './table';

describe('renderTable', () => {
  it('aligns columns two spaces apart without trailing spaces', () => {
    const text = renderTable(
      ['Name', 'State', 'IPv4', 'Image'],
      [
        ['web', 'Running', '10.0.2.15', 'noble.img'],
        ['database-1', 'Stopped', '--', 'jammy.img'],
      ],
    );
    expect(text).toBe(
      [
        'Name        State    IPv4       Image',
        'web         Running  10.0.2.15  noble.img',
        'database-1  Stopped  --         jammy.img',
        '',
      ].join('\n'),
    );
  });

  it('puts each entry of a list cell on its own line', () => {
    const text = renderTable(['Name', 'IPv4', 'Image'], [['web', ['10.0.0.1', '10.0.0.2'], 'x']]);
    expect(text.split('\n')).toEqual([
      'Name  IPv4      Image',
      'web   10.0.0.1  x',
      '      10.0.0.2',
      '',
    ]);
  });
});

describe('renderKeyValues', () => {
  it('aligns values after the longest label and continues lists underneath', () => {
    const text = renderKeyValues([
      ['Name', 'web'],
      ['IPv4', ['10.0.0.1', '10.0.0.2']],
      ['Snapshots', '0'],
      ['Mounts', []],
    ]);
    expect(text.split('\n')).toEqual([
      'Name:      web',
      'IPv4:      10.0.0.1',
      '           10.0.0.2',
      'Snapshots: 0',
      'Mounts:    --',
      '',
    ]);
  });
});

describe('renderCsv', () => {
  it('quotes cells with commas, quotes or newlines', () => {
    expect(renderCsv([['a', 'b,c', 'say "hi"', 'x\ny']])).toBe('a,"b,c","say ""hi""","x\ny"\n');
  });
});
