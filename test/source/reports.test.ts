// Reports of log findings with their statements: table, SARIF (valid, with the code location in
// the service's repository), markdown, HTML and explain.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, parseSarif, runCli } from '../helpers.js';
import { CODE, scanServices, scanServicesReport } from './service-fixtures.js';

const ORDER_CREATED = 'src/main/java/com/acme/orders/OrderController.java';

describe('reports name the statement', () => {
  it('table: file:line and confidence beside the site', async () => {
    const { result } = await scanServices(['--format', 'table']);
    expect(result.stdout).toContain(`code: ${ORDER_CREATED}:16 (confidence 0.95)`);
    expect(result.stdout).toContain('code: src/reminders.ts:12 (confidence 1.00)');
  }, 60_000);

  it('sarif: the result points at the statement, valid against the 2.1.0 schema', async () => {
    const { result } = await scanServices(['--format', 'sarif']);
    const sarif = parseSarif(result.stdout) as unknown as {
      runs: Array<{ originalUriBaseIds: Record<string, { uri: string }>; results: SarifResult[] }>;
    };
    const run = sarif.runs[0]!;
    expect(run.originalUriBaseIds['ORDERS_SRCROOT']!.uri).toBe(`file://${ROOT}/${CODE}/orders/`);
    const created = run.results.find((r) => r.locations[0]!.physicalLocation.region?.startLine === 16)!;
    expect(created.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: ORDER_CREATED, uriBaseId: 'ORDERS_SRCROOT' },
      region: { startLine: 16, startColumn: 9 },
    });
    // The log lines stay as related locations.
    expect(created.relatedLocations![0]!.physicalLocation.artifactLocation.uri).toBe(
      'fixtures/services/logs/orders/app.log',
    );
    expect(created.relatedLocations![0]!.message).toEqual({ text: 'log line' });
  }, 60_000);

  it('markdown and html show the statement', async () => {
    const markdown = (await scanServices(['--format', 'markdown'])).result.stdout;
    expect(markdown).toContain('log.info("order {} created for {}", order.getId(), request.getEmail())');
    const html = (await scanServices(['--format', 'html'])).result.stdout;
    expect(html).toContain('log.info(&#34;order {} created for {}&#34;, order.getId(), request.getEmail())');
  }, 60_000);

  it('explain lists the ranked candidates and why each matched', async () => {
    const report = await scanServicesReport();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'piiscan-explain-')), 'report.json');
    writeFileSync(file, JSON.stringify(report));
    const welcome = report.findings.find((f) => f.source?.path === 'accounts/tasks.py' && f.source.line === 7)!;
    const result = await runCli(['explain', welcome.fingerprint, '--report', file]);
    expect(result.stdout).toContain('Code:      code: accounts/tasks.py:7 (confidence 0.95, 1 more candidate)');
    expect(result.stdout).toContain(
      'Match 1:   accounts/tasks.py:7  log.info("sending welcome mail to %s", user.email); confidence 0.95: 4 of 4 message words in order; level info',
    );
    expect(result.stdout).toMatch(
      /Match 2: {3}accounts\/tasks\.py:11 .*; confidence 0\.\d+: 3 of 4 message words in order/,
    );
  }, 60_000);
});

interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } };
  message?: { text: string };
}
interface SarifResult {
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
}
