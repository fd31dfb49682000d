// Every formatter against golden files, for the bundled fixtures and for a scan with a baseline
// and allow rules. Times, version and host are pinned. Update with `npx vitest run -u`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.js';
import { formatterFor } from '../../src/report/formatters.js';
import { toUriReference } from '../../src/report/sarif.js';
import type { Report } from '../../src/report/report.js';
import { makeTree, parseReport, parseSarif, pinReport, runCli } from '../helpers.js';

async function fixtureReport(): Promise<Report> {
  return pinReport(parseReport((await runCli(['scan', 'fixtures/logs', '--format', 'json'])).stdout));
}

/** A scan with a baseline (one finding known, one new, one stale entry) and allow rules. */
async function gateReport(): Promise<Report> {
  const line = (text: string) => `2026-11-01T10:00:00Z INFO ${text}\n`;
  const dir = makeTree({
    'logs/web/app.log': line('signup for ann@example.com') + line('card 4111 1111 1111 1111 charged'),
  });
  await runCli(['baseline', 'logs'], dir);
  writeFileSync(
    path.join(dir, 'logs/web/app.log'),
    line('signup for ann@example.com') + line('reset by bob@example.com') + line('phone +44 20 7946 0958 | "quoted"'),
  );
  writeFileSync(
    path.join(dir, 'piiscan.yaml'),
    'services:\n  - service: web\n    match: "file://logs/web/**"\n    owner: { team: web-platform, channel: "#web" }\nallow:\n  - site: "file://logs/qa/**"\n    reason: synthetic data\n    expires: 2020-01-01\n',
  );
  const report = parseReport(
    (await runCli(['scan', 'logs', '--format', 'json', '--baseline', '.piiscan-baseline.json'], dir)).stdout,
  );
  return pinReport({ ...report, run: { ...report.run, config: { file: 'piiscan.yaml', sha256: '0'.repeat(64) } } });
}

const plain = { color: false, allForms: false };

describe('formatters on the fixtures', () => {
  it('json', async () => {
    const text = (await formatterFor('json'))(await fixtureReport(), plain);
    parseReport(text);
    await expect(text).toMatchFileSnapshot('golden/fixtures.json');
  });

  it('table', async () => {
    await expect((await formatterFor('table'))(await fixtureReport(), plain)).toMatchFileSnapshot(
      'golden/fixtures.table.txt',
    );
  });

  it('table with --all-forms', async () => {
    await expect(
      (await formatterFor('table'))(await fixtureReport(), { color: false, allForms: true }),
    ).toMatchFileSnapshot('golden/fixtures.all-forms.table.txt');
  });

  it('sarif, valid against the SARIF 2.1.0 schema', async () => {
    const text = (await formatterFor('sarif'))(await fixtureReport(), plain);
    const sarif = parseSarif(text);
    // One rule per registered detector (the registry test pins the list), in id order.
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(detectors.map((d) => d.id));
    await expect(text).toMatchFileSnapshot('golden/fixtures.sarif');
  });

  it('markdown', async () => {
    await expect((await formatterFor('markdown'))(await fixtureReport(), plain)).toMatchFileSnapshot(
      'golden/fixtures.md',
    );
  });

  it('html', async () => {
    await expect((await formatterFor('html'))(await fixtureReport(), plain)).toMatchFileSnapshot(
      'golden/fixtures.html',
    );
  });

  it('table for a clean scan with errors', async () => {
    const report = await fixtureReport();
    const clean: Report = {
      ...report,
      findings: [],
      summary: { ...report.summary, findings: 0, plaintextFindings: 0, newFindings: 0, failing: 0, occurrences: 0 },
      errors: [{ source: 'logs/old.log.gz', message: 'corrupt gzip data (incorrect header check)' }],
    };
    await expect((await formatterFor('table'))(clean, plain)).toMatchFileSnapshot('golden/clean-with-error.table.txt');
    const html = (await formatterFor('html'))(clean, plain);
    expect(html).toContain(
      '<p class="verdict warn">No failing findings (0 plaintext leak sites, 0 new); 1 source could not be read, so the scan is incomplete</p>',
    );
    expect(html).not.toContain('Plaintext by detector');
  });
});

describe('formatters with a baseline and allow rules', () => {
  it('json', async () => {
    const report = await gateReport();
    expect(report.summary).toMatchObject({ newFindings: 2, failing: 2 });
    expect(report.baseline).toMatchObject({ entries: 2, matched: 1 });
    await expect((await formatterFor('json'))(report, plain)).toMatchFileSnapshot('golden/gate.json');
  });

  it.each([
    ['table', 'gate.table.txt'],
    ['markdown', 'gate.md'],
    ['sarif', 'gate.sarif'],
    ['html', 'gate.html'],
  ])('%s', async (format, golden) => {
    const text = (await formatterFor(format))(await gateReport(), plain);
    if (format === 'sarif')
      expect(parseSarif(text).runs[0]!.results.map((r) => r['baselineState'])).toEqual(['new', 'new', 'unchanged']);
    await expect(text).toMatchFileSnapshot(`golden/${golden}`);
  });
});

describe('sarif artifact locations', () => {
  it('are percent-encoded URI references: spaces, #, %, ? and non-ASCII in paths', async () => {
    const dir = makeTree({ 'logs/my app/100% #1 café?.log': '2026-11-01T10:00:00Z INFO signup for ann@example.com\n' });
    const sarif = parseSarif((await runCli(['scan', 'logs', '--format', 'sarif'], dir)).stdout);
    const location = (
      sarif.runs[0]!.results[0]!['locations'] as Array<{ physicalLocation: { artifactLocation: { uri: string } } }>
    )[0]!;
    expect(location.physicalLocation.artifactLocation.uri).toBe('logs/my%20app/100%25%20%231%20caf%C3%A9%3F.log');
    expect(decodeURIComponent(location.physicalLocation.artifactLocation.uri)).toBe('logs/my app/100% #1 café?.log');
    expect(toUriReference('s3://exports/orders/dt=*/part *.csv#e-mail')).toBe(
      's3://exports/orders/dt%3D*/part%20*.csv%23e-mail',
    );
    expect(toUriReference('postgres://db.internal:5432/orders/public.users.email')).toBe(
      'postgres://db.internal:5432/orders/public.users.email',
    );
  });
});
