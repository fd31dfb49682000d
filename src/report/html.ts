/**
 * One self-contained HTML file for people who would rather look than read: totals, small bar
 * charts by service, sensitivity and form, the findings table with filters, coverage and errors.
 * Everything is rendered here as static HTML (readable without scripts); a small inline script
 * only filters rows, from the controls or from the URL hash (`#service=orders&form=plaintext`).
 */
import type { Finding } from '../types.js';
import type { FormatOptions } from './formatters.js';
import type { Report } from './report.js';
import { describeScanned, plural } from './text.js';
import { describeStatus } from '../pipeline/gate.js';
import { toPrintable } from './printable.js';

const FILTERS = ['service', 'detector', 'form', 'sensitivity'] as const;

/** Printable (`\x1b`) and HTML-escaped. */
function escape(text: string | number): string {
  return toPrintable(String(text)).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function bars(title: string, counts: Record<string, number>): string {
  const max = Math.max(1, ...Object.values(counts));
  const rows = Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `<div class="bar"><span class="label">${escape(k)}</span><span class="track"><span class="fill" style="width:${Math.round((n / max) * 100)}%"></span></span><span class="n">${n}</span></div>`);
  return `<section class="chart"><h3>${escape(title)}</h3>${rows.join('') || '<p>none</p>'}</section>`;
}

function row(f: Finding, report: Report): string {
  const first = f.locations[0];
  const status = describeStatus(f, report.settings);
  const data = FILTERS.map((k) => `data-${k}="${escape(f[k])}"`).join(' ');
  return `<tr ${data} class="${f.form === 'plaintext' ? 'plaintext' : 'other'}"><td>${escape(status)}</td><td>${escape(f.sensitivity)}</td><td>${escape(f.detector)}</td><td>${escape(f.form)}</td><td>${escape(f.service)}${f.owner?.team ? `<br><small>${escape(f.owner.team)}</small>` : ''}</td><td class="num">${f.count}</td><td class="num">${f.confidence.toFixed(2)}</td><td><code>${escape(f.sample)}</code></td><td>${first ? escape(`${first.path}:${first.line}:${first.column}`) : escape(f.site.uri)}<br><small>${escape(f.site.template)}</small>${f.site.jsonPath ? `<br><small>${escape(f.site.jsonPath)}</small>` : ''}</td><td><small title="${escape(f.fingerprint)}">${escape(f.fingerprint.slice(0, 12))}</small></td></tr>`;
}

function filterControls(report: Report): string {
  return FILTERS.map((k) => {
    const values = [...new Set(report.findings.map((f) => f[k]))].sort();
    return `<label>${k} <select data-filter="${k}"><option value="">all</option>${values.map((v) => `<option>${escape(v)}</option>`).join('')}</select></label>`;
  }).join(' ');
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{margin:0 0 4px}.meta{color:#666}
.totals{display:flex;gap:12px;margin:16px 0}.total{border:1px solid #ddd;border-radius:6px;padding:8px 14px}.total b{display:block;font-size:22px}
.charts{display:flex;gap:24px;flex-wrap:wrap}.chart{min-width:260px}.bar{display:flex;align-items:center;gap:6px;margin:2px 0}
.label{width:110px;flex:none;overflow:hidden;text-overflow:ellipsis}.track{width:160px;flex:none}.fill{display:block;height:12px;background:#c0392b;min-width:2px}.n{color:#555}
table{border-collapse:collapse;width:100%;margin-top:12px}td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
.num{text-align:right}tr.other{color:#666}small{color:#777}.errors li{color:#b00}`;

const SCRIPT = `(function(){
var selects=[].slice.call(document.querySelectorAll('select[data-filter]'));var search=document.getElementById('search');
function apply(){var want={};selects.forEach(function(s){if(s.value)want[s.dataset.filter]=s.value});var q=search.value.toLowerCase();var shown=0;
[].slice.call(document.querySelectorAll('#findings tbody tr')).forEach(function(tr){var ok=Object.keys(want).every(function(k){return tr.dataset[k]===want[k]})&&(!q||tr.textContent.toLowerCase().indexOf(q)>=0);tr.style.display=ok?'':'none';if(ok)shown++});
document.getElementById('shown').textContent=String(shown)}
new URLSearchParams(location.hash.slice(1)).forEach(function(v,k){selects.forEach(function(s){if(s.dataset.filter===k)s.value=v})});
selects.forEach(function(s){s.addEventListener('change',apply)});search.addEventListener('input',apply);apply()})();`;

export function formatHtml(report: Report, _options: FormatOptions): string {
  const { summary, coverage } = report;
  const totals: Array<[string, number]> = [
    ['findings', summary.findings],
    ['plaintext', summary.plaintextFindings],
    ['new', summary.newFindings],
    ['failing', summary.failing],
    ['occurrences', summary.occurrences],
  ];
  const skipped = coverage.skipped.map((s) => `<li>${escape(s.path)}: ${escape(s.reason)}</li>`).join('');
  const errors = report.errors.map((e) => `<li>${escape(e.source)}: ${escape(e.message)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>piiscan report</title><style>${STYLE}</style></head><body>
<h1>piiscan report</h1>
<p class="meta">${escape(report.targets.join(', '))} · ${escape(report.finishedAt)} · ${escape(report.run.host)} · piiscan ${escape(report.tool.version)} · fails on ${escape(report.settings.failOn)}</p>
<div class="totals">${totals.map(([k, n]) => `<div class="total" data-total="${k}"><b>${n.toLocaleString('en-US')}</b>${k}</div>`).join('')}</div>
<div class="charts">${bars('By service', summary.byService)}${bars('By sensitivity', summary.bySensitivity)}${bars('By form', summary.byForm)}</div>
<h2>Findings (<span id="shown">${report.findings.length}</span> shown)</h2>
<p>${filterControls(report)} <input id="search" type="search" placeholder="search"></p>
<table id="findings"><thead><tr><th>Status</th><th>Sensitivity</th><th>Detector</th><th>Form</th><th>Service</th><th>Count</th><th>Confidence</th><th>Sample</th><th>Where</th><th>Fingerprint</th></tr></thead>
<tbody>${report.findings.map((f) => row(f, report)).join('\n')}</tbody></table>
<h2>Coverage</h2>
<p id="coverage">${escape(describeScanned(coverage))} scanned; ${plural(coverage.skipped.length, 'item')} skipped.</p>
${skipped ? `<ul>${skipped}</ul>` : ''}
<h2>Errors</h2>
${errors ? `<ul class="errors">${errors}</ul>` : '<p>none</p>'}
<script>${SCRIPT}</script>
</body></html>
`;
}
