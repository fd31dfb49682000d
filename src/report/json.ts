import type { Report } from './report.js';
import type { FormatOptions } from './formatters.js';

/** The report as indented JSON with a trailing newline. */
export function formatJson(report: Report, _options: FormatOptions): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
