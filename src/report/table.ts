/**
 * The terminal report: one table per service (services with sensitive plaintext first), rows in
 * pipeline order (new first), then skipped items, baseline and allow notes, errors and a summary.
 */
import { describeDeclarations } from './declarations-text.js';
import { describeRetention } from './retention-text.js';
import { toPolicyForm } from './policy-words.js';
import { isViolation } from '../sites/verdict.js';
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Finding } from '../sites/finding.js';
import type { FormatOptions } from './formatters.js';
import type { Report } from './report.js';
import { describeStatus } from '../gate/gate.js';
import { toPrintable } from '../errors/printable.js';
import { describeScanned, plural } from './text.js';
import { describeSource } from './code-source.js';

const MAX_SITE = 70;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function siteCell(f: Finding): string {
  const location = f.locations[0];
  const where = location ? `${location.path}:${location.line}:${location.column}` : f.site.uri;
  const code = describeSource(f);
  return [
    toPrintable(where),
    clip(toPrintable(f.site.template), MAX_SITE),
    toPrintable(f.site.jsonPath ?? ''),
    code ? toPrintable(code) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function statusCell(f: Finding, report: Report, c: ChalkInstance): string {
  const status = describeStatus(f, report.settings);
  return f.allowed ? c.green(status) : f.new ? c.bold(status) : status;
}

function serviceTable(findings: Finding[], report: Report, c: ChalkInstance, color: boolean): string {
  const withStatus =
    report.baseline !== null || report.allowlist.length > 0 || report.settings.minSensitivity !== 'standard';
  const table = new Table({
    head: [
      ...(withStatus ? ['Status'] : []),
      'Sensitivity',
      'Detector',
      'Form',
      'Count',
      'Confidence',
      'Sample',
      'First location, template',
    ],
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] },
    wordWrap: true,
  });
  for (const f of findings) {
    const sensitivity = f.sensitivity === 'sensitive' ? c.red(f.sensitivity) : c.yellow(f.sensitivity);
    const form = f.form === 'plaintext' ? c.red(f.form) : c.green(toPolicyForm(f));
    const count =
      f.rowsScanned === undefined
        ? f.count.toLocaleString('en-US')
        : `${f.count.toLocaleString('en-US')} of\n${plural(f.rowsScanned, 'row')}`;
    const cells = [
      sensitivity,
      `${toPrintable(f.detector)}\n${f.identifier} identifier`,
      form,
      count,
      f.confidence.toFixed(2),
      toPrintable(f.sample),
      siteCell(f),
    ];
    table.push(withStatus ? [statusCell(f, report, c), ...cells] : cells);
  }
  return table.toString();
}

function serviceHeading(service: string, rows: Finding[]): string {
  const owner = rows[0]?.owner;
  const contacts = owner ? [owner.team, owner.channel, owner.email].filter(Boolean).join(', ') : '';
  return toPrintable(`${service}${contacts ? ` (${contacts})` : ''}: ${plural(rows.length, 'leak site')}`);
}

function notes(report: Report, c: ChalkInstance): string[] {
  const out: string[] = [];
  const reasons = new Map<string, number>();
  for (const s of report.coverage.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  if (reasons.size > 0)
    out.push(toPrintable(`Skipped: ${[...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ')}`));
  const stale = report.baseline?.stale.length ?? 0;
  if (report.baseline) {
    out.push(
      toPrintable(
        `Baseline ${report.baseline.file}: ${report.baseline.entries} entries, ${report.baseline.matched} matched, ${stale} stale${stale > 0 ? ' (piiscan baseline --prune removes them)' : ''}`,
      ),
    );
  }
  for (const rule of report.allowlist.filter((r) => r.expired)) {
    out.push(
      c.yellow(
        toPrintable(`Warning: ${rule.rule} expired on ${rule.expires}: it no longer accepts anything (${rule.reason})`),
      ),
    );
  }
  for (const e of report.errors) out.push(c.red(toPrintable(`Error: ${e.source}: ${e.message}`)));
  for (const line of describeDeclarations(report)) out.push(c.yellow(toPrintable(line)));
  for (const line of describeRetention(report)) out.push(c.yellow(toPrintable(line)));
  return out;
}

function summaryLine(report: Report, shown: number): string {
  const { summary } = report;
  const services = new Set(report.findings.filter((f) => f.form === 'plaintext').map((f) => f.service)).size;
  const other = summary.findings - summary.plaintextFindings;
  const hidden = summary.findings - shown;
  return [
    `${plural(summary.plaintextFindings, 'plaintext leak site')} in ${plural(services, 'service')}`,
    report.baseline ? ` (${summary.newFindings} new)` : '',
    `, ${summary.failing} failing`,
    other > 0 ? `; ${other} in other forms${hidden > 0 ? ' (hidden; --all-forms shows them)' : ''}` : '',
    `. Scanned ${describeScanned(report.coverage)}`,
    report.errors.length > 0 ? `; ${plural(report.errors.length, 'source')} failed` : '',
    '.',
  ].join('');
}

export function formatTable(report: Report, options: FormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  // Violations of a policy show whatever their form; what it allows, as before, only with --all-forms.
  const shown = report.findings.filter((f) => options.allForms || f.form === 'plaintext' || isViolation(f));
  const services = [...new Set(shown.map((f) => f.service))];
  const out: string[] = [];
  for (const service of services) {
    const rows = shown.filter((f) => f.service === service);
    out.push(c.bold(serviceHeading(service, rows)), serviceTable(rows, report, c, options.color), '');
  }
  // With a source that could not be read, an empty table is no all-clear.
  if (shown.length === 0 && report.errors.length > 0)
    out.push(
      c.red(
        `Nothing to show from what was read, but ${plural(report.errors.length, 'source')} could not be read (errors below).`,
      ),
      '',
    );
  else if (shown.length === 0) out.push(c.green('No plaintext PII found.'), '');
  out.push(...notes(report, c), c.bold(summaryLine(report, shown.length)));
  return `${out.join('\n')}\n`;
}
