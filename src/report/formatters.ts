/**
 * Formatter registry: a name → `(report, options) => string`. Formatters print nothing. Each is
 * imported when asked for: the table, HTML and Markdown formats bring colour and layout packages
 * that every process would otherwise load at start, worker threads included.
 */
import type { Report } from './report.js';

export interface FormatOptions {
  /** ANSI colours (a terminal without NO_COLOR). */
  color: boolean;
  /** Show masked, hashed, tokenized and encrypted findings too (table only; JSON has all). */
  allForms: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

const loaders: Record<string, () => Promise<Formatter>> = {
  html: async () => (await import('./html.js')).formatHtml,
  json: async () => (await import('./json.js')).formatJson,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  table: async () => (await import('./table.js')).formatTable,
};

/** The format names `--format` takes. */
export const FORMAT_NAMES: readonly string[] = Object.keys(loaders);

/** The formatter of a format name (one of FORMAT_NAMES). */
export function formatterFor(name: string): Promise<Formatter> {
  const load = loaders[name];
  if (load === undefined) throw new Error(`no format named ${name}`);
  return load();
}
