/** Formatter registry: a name → `(report, options) => string`. Formatters print nothing. */
import type { Report } from './report.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatTable } from './table.js';

export interface FormatOptions {
  /** ANSI colours (a terminal without NO_COLOR). */
  color: boolean;
  /** Show masked, hashed, tokenized and encrypted findings too (table only; JSON has all). */
  allForms: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

export const formatters: Record<string, Formatter> = {
  html: formatHtml,
  json: formatJson,
  markdown: formatMarkdown,
  sarif: formatSarif,
  table: formatTable,
};
