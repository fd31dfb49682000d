/**
 * What every format says of retention: each finding whose PII is older than the rule covering its
 * site allows, with the oldest date, where it came from, how far over it is and the rule; and how
 * many covered sites had no date to judge by.
 */
import type { Finding } from '../sites/finding.js';
import type { Report } from './report.js';

/** Findings whose retention is exceeded. */
export function retentionFindings(report: Pick<Report, 'findings'>): Finding[] {
  return report.findings.filter((f) => f.retention?.status === 'exceeded');
}

/** One finding's retention exceeded, in words. */
export function describeRetentionExceeded(f: Finding): string {
  const r = f.retention!;
  const oldest = f.oldest ? `${f.oldest.at.slice(0, 10)} (${f.oldest.from})` : 'unknown';
  return `${f.form} ${f.detector} of ${f.service}: oldest ${oldest}, ${r.ageDays} days old, ${r.overDays} over the ${r.limit} limit of ${r.rule}`;
}

/** One line per retention exceeded, and one for the covered sites that had no date. */
export function describeRetention(report: Pick<Report, 'findings'>): string[] {
  const exceeded = retentionFindings(report).map(
    (f) =>
      `Retention exceeded: ${f.site.uri}: ${describeRetentionExceeded(f)}${f.retention!.inBaseline ? ' (baseline)' : ''}`,
  );
  const undated = report.findings.filter((f) => f.retention?.status === 'undated').length;
  return undated === 0
    ? exceeded
    : [
        ...exceeded,
        `Undated: ${undated} site${undated === 1 ? '' : 's'} under a retention rule had no timestamp, path date or modification time`,
      ];
}
