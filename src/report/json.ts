import type { Report } from './report.js';
import type { FormatOptions } from './formatters.js';
import { toJsonText } from '../errors/printable.js';

/** The report as indented JSON with a trailing newline (unprintable characters escaped). */
export function formatJson(report: Report, _options: FormatOptions): string {
  return toJsonText(report);
}
