/** The HTML report's inline style and script (src/report/html.ts renders the rest). */

/** Failing is dark red, other plaintext light red, other forms grey: what fails reads first. */
export const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{margin:0 0 4px}.meta{color:#666;margin:0 0 12px}
.verdict{padding:10px 14px;border-radius:6px;font-size:16px;font-weight:600}.verdict.fail{background:#fdecea;color:#8e1b10;border:1px solid #f3b7b0}.verdict.pass{background:#eaf6ec;color:#1d6b30;border:1px solid #b5dcbf}.verdict.warn{background:#fff6e0;color:#7a5200;border:1px solid #ecd08a}
.totals{display:flex;gap:12px;margin:16px 0;flex-wrap:wrap}.total{border:1px solid #ddd;border-radius:6px;padding:8px 14px;color:#555}.total b{display:block;font-size:22px;color:#222}
.total.failing{border-color:#c0392b;color:#8e1b10}.total.failing b{color:#8e1b10}
.charts{display:flex;gap:32px;flex-wrap:wrap;align-items:flex-start}.chart{min-width:300px}.chart h3{margin:8px 0}.chart.other{opacity:.75}.chart.other h3{color:#666;font-weight:500}
.bar{display:flex;align-items:center;gap:6px;margin:3px 0}.label{width:110px;flex:none;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.track{width:160px;flex:none;display:flex;background:#f4f4f4;height:12px}.fill{display:block;height:12px;min-width:2px}.fill.failing{background:#a93226}.fill.plaintext{background:#f1948a}.fill.other{background:#c8ccd0}
.n{color:#555;white-space:nowrap}.legend{color:#666;font-size:12px;margin:2px 0 6px}.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px}
.controls{display:flex;gap:12px;flex-wrap:wrap;align-items:center}.controls .only{font-weight:600;color:#8e1b10}
table{border-collapse:collapse;width:100%;margin-top:12px}td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
.num{text-align:right}tr.failing td:first-child{border-left:4px solid #a93226}tr.plaintext td:first-child{border-left:4px solid #f1948a}
td.status{white-space:nowrap}.fails{color:#8e1b10;font-weight:600}tr.other{color:#777}tr.other td:first-child{border-left:4px solid #c8ccd0}small{color:#777}.errors li{color:#b00}
tr.group th{background:#f6f6f6;font-weight:600;padding-top:10px}`;

/**
 * Filters rows by the controls or the URL hash (`#service=orders&form=plaintext&failing=0`).
 * "Failing only" starts on when something fails, so the report opens on what fails.
 */
export const SCRIPT = `(function(){
var selects=[].slice.call(document.querySelectorAll('select[data-filter]'));var search=document.getElementById('search');var failing=document.getElementById('failing');
function apply(){var want={};selects.forEach(function(s){if(s.value)want[s.dataset.filter]=s.value});var q=search.value.toLowerCase();var shown=0;
[].slice.call(document.querySelectorAll('#findings tbody tr[data-service]')).forEach(function(tr){var ok=Object.keys(want).every(function(k){return tr.dataset[k]===want[k]})&&(!failing.checked||tr.dataset.failing==='yes')&&(!q||tr.textContent.toLowerCase().indexOf(q)>=0);tr.style.display=ok?'':'none';if(ok)shown++});
[].slice.call(document.querySelectorAll('#findings tbody')).forEach(function(tb){var any=[].some.call(tb.querySelectorAll('tr[data-service]'),function(tr){return tr.style.display!=='none'});tb.querySelector('tr.group').style.display=any?'':'none'});
document.getElementById('shown').textContent=String(shown)}
failing.checked=failing.dataset.default==='on';
new URLSearchParams(location.hash.slice(1)).forEach(function(v,k){if(k==='failing')failing.checked=v!=='0';selects.forEach(function(s){if(s.dataset.filter===k)s.value=v})});
selects.forEach(function(s){s.addEventListener('change',apply)});failing.addEventListener('change',apply);search.addEventListener('input',apply);apply()})();`;
