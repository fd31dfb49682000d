// Every formatter against a golden file made from a scan of the bundled fixtures. Times and the
// version are pinned so the files only change when the output does. Update with `vitest -u`.
import { describe, expect, it } from 'vitest';
import { formatters } from '../src/report/formatters.js';
import type { Report } from '../src/report/report.js';
import { parseReport, runCli } from './helpers.js';

async function fixtureReport(): Promise<Report> {
  const report = parseReport((await runCli(['scan', 'fixtures/logs', '--format', 'json'])).stdout);
  return {
    ...report,
    startedAt: '2026-11-01T10:00:00.000Z',
    finishedAt: '2026-11-01T10:00:01.000Z',
    tool: { name: 'piiscan', version: '0.0.0-test' },
    run: { host: 'ci-host', config: null },
  };
}

describe('formatters', () => {
  it('json', async () => {
    const text = formatters['json']!(await fixtureReport(), { color: false, allForms: false });
    parseReport(text);
    await expect(text).toMatchFileSnapshot('golden/fixtures.json');
  });

  it('table', async () => {
    await expect(formatters['table']!(await fixtureReport(), { color: false, allForms: false })).toMatchFileSnapshot('golden/fixtures.table.txt');
  });

  it('table with --all-forms', async () => {
    await expect(formatters['table']!(await fixtureReport(), { color: false, allForms: true })).toMatchFileSnapshot('golden/fixtures.all-forms.table.txt');
  });

  it('table for a clean scan with errors', async () => {
    const report = await fixtureReport();
    const clean: Report = { ...report, findings: [], summary: { ...report.summary, findings: 0, plaintextFindings: 0, occurrences: 0 }, errors: [{ source: 'logs/old.log.gz', message: 'corrupt gzip data (incorrect header check)' }] };
    await expect(formatters['table']!(clean, { color: false, allForms: false })).toMatchFileSnapshot('golden/clean-with-error.table.txt');
  });
});
