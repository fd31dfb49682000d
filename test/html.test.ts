// The HTML report in a real headless browser (Debian's chromium): it opens, its script runs,
// it shows the numbers of the report it was made from, and it holds no raw values.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RAW_VALUES, makeTree, parseReport, runCli } from './helpers.js';

const CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome'].find((c) => spawnSync(c, ['--version']).status === 0);

/** The DOM after load and scripts, as chromium sees it. */
function dumpDom(url: string): string {
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--virtual-time-budget=2000', `--user-data-dir=${makeTree()}`];
  return execFileSync(CHROMIUM!, [...flags, '--dump-dom', url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
}

function totalOf(dom: string, name: string): string | undefined {
  return new RegExp(`data-total="${name}"><b>([^<]*)</b>`).exec(dom)?.[1];
}

// CI installs chromium; elsewhere the test says it is skipped rather than failing an install.
describe.skipIf(!CHROMIUM && !process.env['CI'])('html report in headless chromium', () => {
  it('shows the report\'s numbers, filters from the URL, and no raw values', { timeout: 120_000 }, async () => {
    expect(CHROMIUM, 'chromium must be installed in CI (apt-get install -y chromium)').toBeDefined();
    const dir = makeTree();
    await runCli(['scan', path.resolve('fixtures/logs'), '--format', 'json', '--output', path.join(dir, 'report.json')]);
    await runCli(['report', 'report.json', '--format', 'html', '--output', 'report.html'], dir);
    const report = parseReport(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    const url = `file://${path.join(dir, 'report.html')}`;

    const dom = dumpDom(url);
    expect(totalOf(dom, 'findings')).toBe(String(report.summary.findings));
    expect(totalOf(dom, 'plaintext')).toBe(String(report.summary.plaintextFindings));
    expect(totalOf(dom, 'failing')).toBe(String(report.summary.failing));
    expect(dom).toContain(`<span id="shown">${report.findings.length}</span>`);
    for (const value of FIXTURE_RAW_VALUES) expect(dom).not.toContain(value);

    const filtered = dumpDom(`${url}#service=payments&form=plaintext`);
    const expected = report.findings.filter((f) => f.service === 'payments' && f.form === 'plaintext').length;
    expect(expected).toBeGreaterThan(0);
    expect(filtered).toContain(`<span id="shown">${expected}</span>`);
  });
});
