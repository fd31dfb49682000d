/**
 * The terminal report: one table per service (services with sensitive plaintext first), rows in
 * pipeline order, then skipped items, errors and a summary line.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Finding } from '../types.js';
import type { FormatOptions } from './formatters.js';
import type { Report } from './report.js';

const MAX_SITE = 70;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function siteCell(f: Finding): string {
  const location = f.locations[0];
  const where = location ? `${location.path}:${location.line}:${location.column}` : f.site.uri;
  return [where, clip(f.site.template, MAX_SITE), f.site.jsonPath].filter(Boolean).join('\n');
}

function serviceTable(findings: Finding[], c: ChalkInstance, color: boolean): string {
  const table = new Table({
    head: ['Sensitivity', 'Detector', 'Form', 'Count', 'Confidence', 'Sample', 'First location, template'],
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] },
    wordWrap: true,
  });
  for (const f of findings) {
    const sensitivity = f.sensitivity === 'sensitive' ? c.red(f.sensitivity) : c.yellow(f.sensitivity);
    const form = f.form === 'plaintext' ? c.red(f.form) : c.green(f.form);
    table.push([sensitivity, f.detector, form, f.count.toLocaleString('en-US'), f.confidence.toFixed(2), f.sample, siteCell(f)]);
  }
  return table.toString();
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function skippedLine(report: Report): string | undefined {
  const reasons = new Map<string, number>();
  for (const s of report.coverage.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  if (reasons.size === 0) return undefined;
  return `Skipped: ${[...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ')}`;
}

function summaryLine(report: Report, shown: number): string {
  const { summary, coverage } = report;
  const services = new Set(report.findings.filter((f) => f.form === 'plaintext').map((f) => f.service)).size;
  const other = summary.findings - summary.plaintextFindings;
  const hidden = summary.findings - shown;
  return [
    `${summary.plaintextFindings} plaintext leak site${summary.plaintextFindings === 1 ? '' : 's'} in ${services} service${services === 1 ? '' : 's'}`,
    other > 0 ? `, ${other} in other forms${hidden > 0 ? ' (hidden; --all-forms shows them)' : ''}` : '',
    `. Scanned ${coverage.files} file${coverage.files === 1 ? '' : 's'}, ${formatBytes(coverage.bytes)}, ${coverage.lines.toLocaleString('en-US')} lines`,
    report.errors.length > 0 ? `; ${report.errors.length} source${report.errors.length === 1 ? '' : 's'} failed` : '',
    '.',
  ].join('');
}

export function formatTable(report: Report, options: FormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const shown = report.findings.filter((f) => options.allForms || f.form === 'plaintext');
  const services = [...new Set(shown.map((f) => f.service))];
  const out: string[] = [];
  for (const service of services) {
    const rows = shown.filter((f) => f.service === service);
    out.push(c.bold(`${service}: ${rows.length} leak site${rows.length === 1 ? '' : 's'}`), serviceTable(rows, c, options.color), '');
  }
  if (shown.length === 0) out.push(c.green('No plaintext PII found.'), '');
  const skipped = skippedLine(report);
  if (skipped) out.push(skipped);
  for (const e of report.errors) out.push(c.red(`Error: ${e.source}: ${e.message}`));
  out.push(c.bold(summaryLine(report, shown.length)));
  return `${out.join('\n')}\n`;
}
