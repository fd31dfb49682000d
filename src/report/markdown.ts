/**
 * A summary for a pull-request comment or a CI job summary: the verdict, findings by service,
 * the new findings listed, a coverage line. Only masked samples, like every format.
 */
import type { Finding } from '../sites/finding.js';
import type { FormatOptions } from './formatters.js';
import type { Report } from './report.js';
import { describeScanned, describeVerdict, plural } from './text.js';
import { toPrintable } from '../errors/printable.js';
import { describeSource } from './code-source.js';
import { describeDeclarations } from './declarations-text.js';
import {
  byProduct,
  describeDeclaration,
  describeKind,
  describePolicyVerdict,
  groupFindings,
  toPolicyForm,
} from './policy-words.js';
import { describeRetention } from './retention-text.js';

/** Escapes text for a Markdown table cell (unprintable characters as `\x1b`, so no line breaks either). */
function cell(text: string): string {
  return toPrintable(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[`*_<>[\]]/g, '\\$&');
}

function verdict(report: Report): string {
  if (report.errors.length > 0)
    return `:warning: **${plural(report.errors.length, 'source')} could not be read**; ${plural(report.summary.failing, 'finding')} failing`;
  const { failing, headline, detail } = describeVerdict(report);
  return `${failing ? ':x:' : ':white_check_mark:'} **${headline}** (${detail})`;
}

function serviceTable(report: Report): string[] {
  const services = [...new Set(report.findings.map((f) => f.service))].sort();
  if (services.length === 0) return [];
  const rows = services.map((s) => {
    const of = report.findings.filter((f) => f.service === s);
    const owner = of[0]?.owner?.team ?? '';
    const plaintext = of.filter((f) => f.form === 'plaintext');
    return `| ${cell(s)} | ${cell(owner)} | ${plaintext.length} | ${of.filter((f) => f.new).length} | ${of.length - plaintext.length} |`;
  });
  return ['| Service | Owner | Plaintext | New | Other forms |', '| --- | --- | ---: | ---: | ---: |', ...rows];
}

/** Rows of findings in the policy's words; the declaration column only when products were checked. */
function findingRows(findings: Finding[], report: Report): string[] {
  const products = byProduct(report);
  return [
    `| Kind | Detector | Form | Policy |${products ? ' Declaration |' : ''} Service | Count | Where | Sample |`,
    `| --- | --- | --- | --- |${products ? ' --- |' : ''} --- | ---: | --- | --- |`,
    ...findings.map((f) => {
      const at = f.locations[0] ? `${f.locations[0].path}:${f.locations[0].line}` : f.site.uri;
      const code = describeSource(f);
      const statement = f.source?.call ? `<br>${cell(f.source.call)}` : '';
      const declaration = products ? ` ${cell(describeDeclaration(f))} |` : '';
      return `| ${describeKind(f)} | ${f.detector} | ${cell(toPolicyForm(f))} | ${cell(describePolicyVerdict(f))} |${declaration} ${cell(f.service)} | ${f.count} | ${cell(at)}<br>${cell(f.site.template)}${code ? `<br>${cell(code)}${statement}` : ''} | ${cell(f.sample)} |`;
    }),
  ];
}

/** Every finding, a table per product or service. */
function groupedRows(report: Report): string[] {
  return groupFindings(report.findings, report).flatMap(([group, findings]) => [
    '',
    `#### ${cell(group)} (${plural(findings.length, 'finding')})`,
    '',
    ...findingRows(findings, report),
  ]);
}

export function formatMarkdown(report: Report, _options: FormatOptions): string {
  const { coverage } = report;
  const fresh = report.findings.filter((f) => f.new);
  const lines = [`## piiscan`, '', verdict(report), '', ...serviceTable(report)];
  if (report.baseline !== null && fresh.length > 0)
    lines.push('', `### New findings (${fresh.length})`, '', ...findingRows(fresh, report));
  if (report.findings.length > 0)
    lines.push(
      '',
      `<details><summary>All findings by ${byProduct(report) ? 'product' : 'service'} (${report.findings.length})</summary>`,
      ...groupedRows(report),
      '',
      '</details>',
    );
  const declared = describeDeclarations(report);
  if (declared.length > 0) lines.push('', '### Declarations', '', ...declared.map((d) => `- ${cell(d)}`));
  const retained = describeRetention(report);
  if (retained.length > 0) lines.push('', '### Retention', '', ...retained.map((d) => `- ${cell(d)}`));
  for (const e of report.errors) lines.push('', `- Error: ${cell(e.source)}: ${cell(e.message)}`);
  const stale = report.baseline?.stale.length ?? 0;
  lines.push(
    '',
    `Scanned ${describeScanned(coverage)}; ${coverage.skipped.length} skipped; ${plural(report.errors.length, 'error')}.` +
      (report.baseline ? ` Baseline: ${report.baseline.entries} entries, ${stale} stale.` : ''),
  );
  return `${lines.join('\n')}\n`;
}
