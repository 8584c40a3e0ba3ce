/** Plain-text tables and CSV, as `berth list` and friends print them. */

/** A table cell; a list puts one entry per line, as Multipass does with several addresses. */
export type Cell = string | readonly string[];

/** Renders aligned columns separated by two spaces, with no trailing spaces. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const lines: string[][] = [[...headers]];
  for (const row of rows) lines.push(...expandRow(row));
  const widths = headers.map((_, column) =>
    Math.max(...lines.map((line) => (line[column] ?? '').length)),
  );
  const text = lines.map((line) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  return `${text.join('\n')}\n`;
}

/** Turns one row with list cells into as many text lines as its longest list. */
function expandRow(row: readonly Cell[]): string[][] {
  const height = Math.max(1, ...row.map((cell) => (typeof cell === 'string' ? 1 : cell.length)));
  const line = (cell: Cell, index: number) =>
    typeof cell === 'string' ? (index === 0 ? cell : '') : (cell[index] ?? '');
  return Array.from({ length: height }, (_, index) => row.map((cell) => line(cell, index)));
}

/** One `label: value` line (or several, for a list value). */
export type KeyValue = readonly [label: string, value: Cell];

/** Renders rows (the first being the header) as RFC 4180 CSV. */
export function renderCsv(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string) =>
    /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  return rows.map((row) => `${row.map(quote).join(',')}\n`).join('');
}

/**
 * Renders `label: value` lines with the values aligned at `minWidth` columns or after the
 * longest label; list values continue underneath.
 */
export function renderKeyValues(pairs: readonly KeyValue[], minWidth = 0): string {
  const width = Math.max(minWidth, ...pairs.map(([label]) => label.length + 2));
  const lines: string[] = [];
  for (const [label, value] of pairs) {
    const values = typeof value === 'string' ? [value] : value.length > 0 ? value : ['--'];
    values.forEach((text, index) => {
      const head = index === 0 ? `${label}:` : '';
      lines.push(`${head.padEnd(width)}${text}`.trimEnd());
    });
  }
  return `${lines.join('\n')}\n`;
}
