/**
 * One self-contained HTML file for people who would rather look than read. It opens on what
 * fails: the verdict, the failing count first, plaintext by service (failing darker), other forms
 * apart and lighter, then the findings, failing first, with "failing only" on when something
 * fails. Everything is static HTML (readable without scripts); a small inline script only filters
 * rows, from the controls or from the URL hash (`#service=orders&form=plaintext&failing=0`).
 */
import { describeDeclarations } from './declarations-text.js';
import * as words from './policy-words.js';
import { describeRetention } from './retention-text.js';
import type { Finding } from '../sites/finding.js';
import { describeSource } from './code-source.js';
import type { FormatOptions } from './formatters.js';
import type { Report } from './report.js';
import { describeScanned, describeVerdict, plural } from './text.js';
import { describeStatus, isFailing } from '../gate/gate.js';
import { toPrintable } from '../errors/printable.js';
import { SCRIPT, STYLE } from './html-assets.js';

const FILTERS = ['service', 'detector', 'form', 'sensitivity'] as const;

/** Printable (`\x1b`) and HTML-escaped. */
function escape(text: string | number): string {
  return toPrintable(String(text)).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** One bar of a chart: parts drawn end to end (`failing`, `plaintext` or `other`), and what to print after it. */
interface Bar {
  label: string;
  parts: Array<{ kind: 'failing' | 'plaintext' | 'other'; n: number }>;
  note: string;
}

function chart(title: string, bars: Bar[], options: { other?: boolean; legend?: string } = {}): string {
  const total = (b: Bar) => b.parts.reduce((n, p) => n + p.n, 0);
  const max = Math.max(1, ...bars.map(total));
  const rows = [...bars]
    .sort((a, b) => total(b) - total(a) || a.label.localeCompare(b.label))
    .map((b) => {
      const fills = b.parts
        .filter((p) => p.n > 0)
        .map((p) => `<span class="fill ${p.kind}" style="width:${Math.round((p.n / max) * 100)}%"></span>`);
      return `<div class="bar"><span class="label" title="${escape(b.label)}">${escape(b.label)}</span><span class="track">${fills.join('')}</span><span class="n">${escape(b.note)}</span></div>`;
    });
  return `<section class="chart${options.other ? ' other' : ''}"><h3>${escape(title)}</h3>${options.legend ?? ''}${rows.join('') || '<p>none</p>'}</section>`;
}

/** Plaintext findings by `key`, the failing ones apart. */
function plaintextBars(report: Report, key: (f: Finding) => string): Bar[] {
  const plaintext = report.findings.filter((f) => f.form === 'plaintext');
  return [...new Set(plaintext.map(key))].map((label) => {
    const of = plaintext.filter((f) => key(f) === label);
    const failing = of.filter((f) => isFailing(f, report.settings)).length;
    return {
      label,
      parts: [
        { kind: 'failing', n: failing },
        { kind: 'plaintext', n: of.length - failing },
      ],
      note: `${of.length}${failing > 0 ? ` (${failing} failing)` : ''}`,
    };
  });
}

/** Masked, hashed, tokenized and encrypted findings by service: not leaks, so drawn apart and lighter. */
function otherFormBars(report: Report): Bar[] {
  const other = report.findings.filter((f) => f.form !== 'plaintext');
  return [...new Set(other.map((f) => f.service))].map((label) => {
    const of = other.filter((f) => f.service === label);
    const forms = [...new Set(of.map((f) => f.form))]
      .sort()
      .map((form) => `${of.filter((f) => f.form === form).length} ${form}`);
    return { label, parts: [{ kind: 'other', n: of.length }], note: forms.join(', ') };
  });
}

function charts(report: Report): string {
  const other = otherFormBars(report);
  const legend =
    '<p class="legend"><i class="fill failing"></i>failing<i class="fill plaintext"></i>other plaintext</p>';
  const byService = plaintextBars(report, (f) => f.service);
  const plaintext =
    byService.length > 0
      ? chart('Plaintext by service', byService, { legend }) +
        chart(
          'Plaintext by detector',
          plaintextBars(report, (f) => f.detector),
          { legend },
        )
      : chart('Plaintext by service', []);
  return `<div class="charts">${plaintext}${other.length > 0 ? chart('Other forms by service (not leaks)', other, { other: true }) : ''}</div>`;
}

/** The statement that wrote a log site's lines, when sources were configured. */
function codeCell(f: Finding): string {
  const code = describeSource(f);
  if (code === undefined) return '';
  return `<br><small class="code">${escape(code)}</small>${f.source?.call ? `<br><code>${escape(f.source.call)}</code>` : ''}`;
}

function row(f: Finding, report: Report): string {
  const first = f.locations[0];
  const failing = isFailing(f, report.settings);
  const data = [...FILTERS.map((k) => `data-${k}="${escape(f[k])}"`), `data-failing="${failing ? 'yes' : 'no'}"`].join(
    ' ',
  );
  const kind = failing ? 'failing' : f.form === 'plaintext' ? 'plaintext' : 'other';
  const where = `${first ? escape(`${first.path}:${first.line}:${first.column}`) : escape(f.site.uri)}<br><small>${escape(f.site.template)}</small>${f.site.jsonPath ? `<br><small>${escape(f.site.jsonPath)}</small>` : ''}${codeCell(f)}`;
  const declaration = words.byProduct(report) ? `<br><small>${escape(words.describeDeclaration(f))}</small>` : '';
  const cells = [
    `${escape(describeStatus(f, report.settings))}${failing ? '<br><small class="fails">fails the scan</small>' : ''}`,
    escape(words.describeKind(f)),
    escape(f.detector),
    escape(words.toPolicyForm(f)),
    `${escape(words.describePolicyVerdict(f))}${declaration}`,
    `${escape(f.service)}${f.owner?.team ? `<br><small>${escape(f.owner.team)}</small>` : ''}`,
  ];
  return `<tr ${data} class="${kind}">${cells.map((c, i) => `<td${i === 0 ? ' class="status"' : ''}>${c}</td>`).join('')}<td class="num">${f.count}</td><td class="num">${f.confidence.toFixed(2)}</td><td><code>${escape(f.sample)}</code></td><td>${where}</td><td><small title="${escape(f.fingerprint)}">${escape(f.fingerprint.slice(0, 12))}</small></td></tr>`;
}

function controls(report: Report): string {
  const selects = FILTERS.map((k) => {
    const values = [...new Set(report.findings.map((f) => f[k]))].sort();
    return `<label>${k} <select data-filter="${k}"><option value="">all</option>${values.map((v) => `<option>${escape(v)}</option>`).join('')}</select></label>`;
  });
  const only = `<label class="only"><input type="checkbox" id="failing" data-default="${report.summary.failing > 0 ? 'on' : 'off'}"> failing only</label>`;
  return `<p class="controls">${only}${selects.join('')}<input id="search" type="search" placeholder="search"></p>`;
}

export function formatHtml(report: Report, _options: FormatOptions): string {
  const { summary, coverage } = report;
  const totals: Array<[string, number]> = [
    ['failing', summary.failing],
    ['new', summary.newFindings],
    ['plaintext', summary.plaintextFindings],
    ['findings', summary.findings],
    ['occurrences', summary.occurrences],
  ];
  const verdict = describeVerdict(report);
  const skipped = coverage.skipped.map((s) => `<li>${escape(s.path)}: ${escape(s.reason)}</li>`).join('');
  const errors = report.errors.map((e) => `<li>${escape(e.source)}: ${escape(e.message)}</li>`).join('');
  const declared = describeDeclarations(report)
    .map((d) => `<li>${escape(d)}</li>`)
    .join('');
  const retained = describeRetention(report)
    .map((d) => `<li>${escape(d)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>piiscan report</title><style>${STYLE}</style></head><body>
<h1>piiscan report</h1>
<p class="meta">${escape(report.targets.join(', '))} · ${escape(report.finishedAt)} · ${escape(report.run.host)} · piiscan ${escape(report.tool.version)} · fails on ${escape(report.settings.failOn)}, min sensitivity ${escape(report.settings.minSensitivity)}</p>
<p class="verdict ${verdict.failing ? 'fail' : report.errors.length > 0 ? 'warn' : 'pass'}">${escape(verdict.headline)} (${escape(verdict.detail)})${report.errors.length > 0 ? `; ${escape(plural(report.errors.length, 'source'))} could not be read, so the scan is incomplete` : ''}</p>
<div class="totals">${totals.map(([k, n]) => `<div class="total${k === 'failing' && n > 0 ? ' failing' : ''}" data-total="${k}"><b>${n.toLocaleString('en-US')}</b>${k}</div>`).join('')}</div>
${charts(report)}
<h2>Findings (<span id="shown">${report.findings.length}</span> of ${report.findings.length} shown)</h2>
${controls(report)}
<table id="findings"><thead><tr><th>Status</th><th>Kind</th><th>Detector</th><th>Form</th><th>Policy</th><th>Service</th><th>Count</th><th>Confidence</th><th>Sample</th><th>Where</th><th>Fingerprint</th></tr></thead>
${words
  .groupFindings(report.findings, report)
  .map(
    ([group, findings]) =>
      `<tbody><tr class="group"><th colspan="11">${escape(group)} (${escape(plural(findings.length, 'finding'))})</th></tr>\n${findings.map((f) => row(f, report)).join('\n')}</tbody>`,
  )
  .join('\n')}</table>
${declared ? `<h2>Declarations</h2>\n<ul id="declarations">${declared}</ul>\n` : ''}${retained ? `<h2>Retention</h2>\n<ul id="retention">${retained}</ul>\n` : ''}<h2>Coverage</h2>
<p id="coverage">${escape(describeScanned(coverage))} scanned; ${plural(coverage.skipped.length, 'item')} skipped.</p>
${skipped ? `<ul>${skipped}</ul>` : ''}
<h2>Errors</h2>
${errors ? `<ul class="errors">${errors}</ul>` : '<p>none</p>'}
<script>${SCRIPT}</script>
</body></html>
`;
}
