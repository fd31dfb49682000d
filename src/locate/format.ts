/**
 * The locate report as JSON (the evidence), and as Markdown and HTML for a privacy officer: the
 * verdict, what was searched, and per subject each place found with its form. Formatters give
 * the text in pieces, subject by subject, so that a report of many subjects is never held whole;
 * what they get has been redacted (redact.ts).
 */
import { toJsonText, toPrintable } from '../errors/printable.js';
import { describeScanned, plural } from '../report/text.js';
import type { LocateReport, LocateReportHead, SubjectReport } from './report.js';
import type { Trace } from './trace.js';

const VERDICTS: Record<LocateReport['verdict'], string> = {
  erased: 'Erased: no trace of any subject was found, and every source was read',
  'traces found': 'Traces found: some subjects are still in the data',
  incomplete: 'Incomplete: some sources could not be read, so erasure cannot be confirmed',
  located: 'Search complete',
};

/** Where a trace is, in one line: `file:12`, `db.public.users.email row 3 (id=42)`, with its JSON path. */
export function describeWhere(t: Trace): string {
  const key = t.key
    ? ` (${Object.entries(t.key)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`
    : '';
  const at = t.line !== undefined ? `:${t.line}` : t.row !== undefined ? ` row ${t.row}${key}` : key;
  return `${t.location}${at}${t.jsonPath ? ` ${t.jsonPath}` : ''}`;
}

function headline(report: LocateReportHead): string {
  const { subjects, found, traces } = report.summary;
  return `${VERDICTS[report.verdict]}. ${plural(subjects, 'subject')} searched, ${found} found, ${plural(traces, 'trace')}.`;
}

/** The lines of text both Markdown and HTML show before the subjects. */
function preamble(report: LocateReportHead): Array<[string, string]> {
  return [
    ['Searched', report.targets.join(', ')],
    ['When', `${report.startedAt} to ${report.finishedAt}`],
    ['Read', describeScanned(report.coverage)],
    ...(report.shard
      ? [
          [
            'Shard',
            `${report.shard.index + 1} of ${report.shard.count}: ${report.shard.unitsRead} of ${report.shard.units} units; the verdict is this shard's`,
          ] as [string, string],
        ]
      : []),
    [
      'Tables',
      report.coverage.tables.map((t) => `${t.table} (${t.rowsScanned} rows, ${t.method})`).join(', ') || 'none',
    ],
    ['Forms tried', report.formsTried.join(', ')],
    ['Subjects named by', report.subjectNames],
  ];
}

/** The text toJsonText gives of the whole report (`subjects` being its last member). */
export function* formatLocateJson(head: LocateReportHead, subjects: Iterable<SubjectReport>): Generator<string> {
  const whole = toJsonText({ ...head, subjects: [] });
  const empty = '[]\n}\n';
  let first = true;
  for (const subject of subjects) {
    const text = toJsonText(subject).trimEnd().replace(/^/gm, '    ');
    yield first ? `${whole.slice(0, -empty.length)}[\n${text}` : `,\n${text}`;
    first = false;
  }
  yield first ? whole : '\n  ]\n}\n';
}

function mdCell(text: string): string {
  return toPrintable(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[`*_<>[\]]/g, '\\$&');
}

function mdSubject(s: SubjectReport): string[] {
  const head = `### ${mdCell(s.subject)}: ${s.result === 'found' ? `found (${plural(s.traces, 'trace')})` : 'not found'}`;
  if (s.result === 'absent') return [head, ''];
  const rows = s.locations.map((t) => `| ${mdCell(describeWhere(t))} | ${mdCell(t.identifier)} | ${mdCell(t.form)} |`);
  return [head, '', '| Where | Identifier | Form |', '| --- | --- | --- |', ...rows, ''];
}

export function* formatLocateMarkdown(report: LocateReportHead, subjects: Iterable<SubjectReport>): Generator<string> {
  const lines = [
    '## piiscan locate',
    '',
    `**${mdCell(headline(report))}**`,
    '',
    ...preamble(report).map(([k, v]) => `- ${k}: ${mdCell(v)}`),
    ...report.errors.map((e) => `- :warning: ${mdCell(e.source)}: ${mdCell(e.message)}`),
    '',
  ];
  yield `${lines.join('\n')}\n`;
  for (const subject of subjects) yield `${mdSubject(subject).join('\n')}\n`;
}

function esc(text: string | number): string {
  return toPrintable(String(text)).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function htmlSubject(s: SubjectReport): string {
  const rows = s.locations
    .map((t) => `<tr><td>${esc(describeWhere(t))}</td><td>${esc(t.identifier)}</td><td>${esc(t.form)}</td></tr>`)
    .join('');
  const result = s.result === 'found' ? `found (${esc(plural(s.traces, 'trace'))})` : 'not found';
  const table = rows ? `<table><tr><th>Where</th><th>Identifier</th><th>Form</th></tr>${rows}</table>` : '';
  return `<section class="${s.result}"><h3>${esc(s.subject)}: ${result}</h3>${table}</section>`;
}

export function* formatLocateHtml(report: LocateReportHead, subjects: Iterable<SubjectReport>): Generator<string> {
  const facts = preamble(report)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
    .join('');
  const errors = report.errors.map((e) => `<li>${esc(e.source)}: ${esc(e.message)}</li>`).join('');
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>piiscan locate</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}.found h3{color:#b00}.verdict{font-weight:bold}</style>
</head><body>
<h1>piiscan locate</h1>
<p class="verdict">${esc(headline(report))}</p>
<dl>${facts}</dl>
${errors ? `<h2>Not read</h2><ul>${errors}</ul>` : ''}
<h2>Subjects</h2>
`;
  let first = true;
  for (const subject of subjects) {
    yield `${first ? '' : '\n'}${htmlSubject(subject)}`;
    first = false;
  }
  yield '\n</body></html>\n';
}

export const locateFormatters: Record<
  string,
  (report: LocateReportHead, subjects: Iterable<SubjectReport>) => Iterable<string>
> = {
  html: formatLocateHtml,
  json: formatLocateJson,
  markdown: formatLocateMarkdown,
};
