/** Small text helpers shared by the formatters. */
import { formatBytes } from '../errors/format-bytes.js';
import type { Coverage } from '../runner/coverage.js';
import type { ObjectCoverage } from '../connectors/records.js';
import type { Report } from './report.js';
import { connectorFor } from '../connectors/registry.js';

/** `1 file`, `2 files`. */
export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * What a scan read: `8 files, 40 lines`, `3 tables, 12,000 rows (2 sampled)`, `40 objects in 3
 * groups (2 skipped)`, then the bytes.
 */
export function describeScanned(coverage: Coverage): string {
  const parts: string[] = [];
  // A database whose tables could not be read (or that has none) still counts its 0 tables.
  const tables = coverage.tables.length > 0 || coverage.sources.some((s) => connectorFor(s.target).units === 'tables');
  if (coverage.files > 0 || (!tables && coverage.objects.length === 0))
    parts.push(`${plural(coverage.files, 'file')}, ${plural(coverage.lines, 'line')}`);
  if (tables) {
    const rows = coverage.tables.reduce((n, t) => n + t.rowsScanned, 0);
    const sampled = coverage.tables.filter((t) => t.sampled).length;
    parts.push(
      `${plural(coverage.tables.length, 'table')}, ${plural(rows, 'row')}${sampled > 0 ? ` (${sampled} sampled)` : ''}`,
    );
  }
  if (coverage.objects.length > 0) {
    const sum = (f: (o: ObjectCoverage) => number) => coverage.objects.reduce((n, o) => n + f(o), 0);
    const skipped = sum((o) => Object.values(o.skipped).reduce((a, b) => a + b, 0));
    const sampled = coverage.objects.some((o) => o.sampled) ? ', sampled' : '';
    parts.push(
      `${plural(
        sum((o) => o.objectsScanned),
        'object',
      )} in ${plural(
        sum((o) => o.groups),
        'group',
      )}${skipped > 0 ? ` (${skipped} skipped${sampled})` : sampled ? ` (${sampled.slice(2)})` : ''}`,
    );
  }
  return `${parts.join('; ')}, ${formatBytes(coverage.bytes)}`;
}

/** What fails the scan: a headline (`2 leak sites fail the scan`) and its detail, or that nothing fails. */
export function describeVerdict(report: Report): { failing: boolean; headline: string; detail: string } {
  const { failing, plaintextFindings, newFindings } = report.summary;
  if (failing === 0)
    return {
      failing: false,
      headline: 'No failing findings',
      detail: `${plural(plaintextFindings, 'plaintext leak site')}, ${newFindings} new`,
    };
  const detail = report.settings.failOn === 'new' ? 'new since the baseline' : 'plaintext';
  return {
    failing: true,
    headline: `${plural(failing, 'leak site')} ${failing === 1 ? 'fails' : 'fail'} the scan`,
    detail,
  };
}
