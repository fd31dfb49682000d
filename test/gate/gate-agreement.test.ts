// "New" means one thing in every report: plaintext, not in the baseline, not accepted by an allow
// rule and as sensitive as the gate asks. One scan with a baseline, allow rules and several forms,
// counted in the JSON summary, the table (summary line and rows), Markdown, HTML and SARIF.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatterFor } from '../../src/report/formatters.js';
import type { Report } from '../../src/report/report.js';
import { makeTree, parseReport, parseSarif, runCli } from '../helpers.js';

const line = (text: string) => `2026-11-01T10:00:00Z INFO ${text}\n`;
const json = (fields: object) => `${JSON.stringify({ ts: '2026-11-01T10:00:00Z', level: 'info', ...fields })}\n`;

/**
 * A baseline holding one email site, then new emails, a card, masked and hashed values, and a QA
 * folder an allow rule accepts.
 */
async function scanWithEverything(args: string[]): Promise<Report> {
  const dir = makeTree({
    'logs/web/app.log': line('signup for ann@example.com'),
    'logs/qa/app.log': line('smoke test started'),
  });
  await runCli(['baseline', 'logs'], dir);
  writeFileSync(
    path.join(dir, 'logs/web/app.log'),
    line('signup for ann@example.com') +
      line('reset by bob@example.com') +
      line('charged card 4111 1111 1111 1111') +
      json({ msg: 'declined', card: { number: '**** **** **** 4242' } }) +
      json({
        msg: 'receipt',
        customer_email_sha256: '5d41402abc4b2a76b9719d911017c592ae2d1b8e4c3f7a1b2c3d4e5f60718293',
      }),
  );
  writeFileSync(path.join(dir, 'logs/qa/app.log'), line('smoke test for cy@example.com'));
  writeFileSync(path.join(dir, 'piiscan.yaml'), 'allow:\n  - site: "file://logs/qa/**"\n    reason: synthetic data\n');
  return parseReport(
    (await runCli(['scan', 'logs', '--format', 'json', '--baseline', '.piiscan-baseline.json', ...args], dir)).stdout,
  );
}

async function countsOf(report: Report) {
  const plain = { color: false, allForms: true };
  const table = (await formatterFor('table'))(report, plain);
  const markdown = (await formatterFor('markdown'))(report, plain);
  const html = (await formatterFor('html'))(report, plain);
  const sarif = parseSarif((await formatterFor('sarif'))(report, plain));
  const serviceRows = [...markdown.matchAll(/^\| (\w+) \| [^|]* \| (\d+) \| (\d+) \| (\d+) \|$/gm)];
  return {
    json: report.findings.filter((f) => f.new).length,
    tableSummary: Number(/\((\d+) new\)/.exec(table)?.[1]),
    tableRows: table.split('\n').filter((l) => /^│ new /.test(l)).length,
    markdownList: Number(/### New findings \((\d+)\)/.exec(markdown)?.[1] ?? 0),
    markdownServices: serviceRows.reduce((n, m) => n + Number(m[3]), 0),
    htmlTotal: Number(/data-total="new"><b>(\d+)<\/b>/.exec(html)?.[1]),
    htmlRows: [...html.matchAll(/<td class="status">new[<]/g)].length,
    sarif: sarif.runs[0]!.results.filter((r) => r['baselineState'] === 'new').length,
  };
}

describe('new means one thing in every report', () => {
  it.each([
    [[], 2],
    [['--min-sensitivity', 'sensitive'], 1],
    [['--fail-on', 'any'], 2],
  ])('with %j: %d new everywhere', { timeout: 30_000 }, async (args, expected) => {
    const report = await scanWithEverything(args);
    expect(new Set(report.findings.map((f) => f.form))).toEqual(new Set(['plaintext', 'masked', 'hashed']));
    expect(report.findings.filter((f) => f.allowed)).toHaveLength(1);
    expect(report.findings.filter((f) => f.inBaseline)).toHaveLength(1);
    expect(report.summary.newFindings).toBe(expected);
    const counts = await countsOf(report);
    expect(counts).toEqual(Object.fromEntries(Object.keys(counts).map((k) => [k, expected])));
    // With --fail-on new the gate fails exactly the new findings, and they come first.
    if (report.settings.failOn === 'new') expect(report.summary.failing).toBe(expected);
    expect(report.findings.slice(0, expected).every((f) => f.new)).toBe(true);
  });
});
