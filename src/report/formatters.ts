/** Formatter registry: a name → `(report, options) => string`. Formatters print nothing. */
import type { Report } from './report.js';
import { formatJson } from './json.js';
import { formatTable } from './table.js';

export interface FormatOptions {
  /** ANSI colours (a terminal without NO_COLOR). */
  color: boolean;
  /** Show masked, hashed, tokenized and encrypted findings too (table only; JSON has all). */
  allForms: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

export const formatters: Record<string, Formatter> = {
  json: formatJson,
  table: formatTable,
};
