/** Prints a command's result in the format the user asked for. */
import { stringify } from 'yaml';
import type { OutputFormat } from '../args';
import { renderCsv } from './table';

/** One result, viewable in every format. */
export interface View {
  /** What json and yaml print: the contract's own objects, so scripts get every field. */
  data: unknown;
  /** The text a person reads. */
  table(): string;
  /** Header row first. */
  csv(): string[][];
}

/** Renders `view` in `format`. */
export function renderView(format: OutputFormat, view: View): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(view.data, null, 2)}\n`;
    case 'yaml':
      return stringify(view.data);
    case 'csv':
      return renderCsv(view.csv());
    case 'table':
      return view.table();
  }
}
