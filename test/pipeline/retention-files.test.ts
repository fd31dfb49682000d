// Retention on files, end to end: ages from line timestamps, dates in paths and file mtimes;
// config rules and a product's retention fields; the gate and a baseline across days.
import { utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { Finding } from '../../src/sites/finding.js';
import { makeTree, parseReport, parseSarif, runCli } from '../helpers.js';
import { LINES, ORDERS_PRODUCT } from './declarations-fixture.js';

const NOW = '2026-12-06T00:00:00Z';

const FILES = {
  // Lines of 65 and 5 days before NOW: the oldest ages the site.
  'logs/orders/app.log':
    '2026-10-01T10:00:00Z INFO order for ann@example.com\n2026-12-01T10:00:00Z INFO order for bob@example.com\n',
  // No timestamp in the line: the partition date in the path.
  'logs/web/dt=2026-11-20/app.log': 'INFO signup carol@example.com\n',
  // Neither: the file's mtime (set below).
  'logs/export/customers.csv': 'id,email\n1,dan@example.com\n',
  // Masked values are not kept PII: never aged.
  'logs/gateway/app.log': '2020-01-01T00:00:00Z INFO login a***@example.com\n',
};

function makeLogs(extra: Record<string, string> = {}): string {
  const dir = makeTree({ ...FILES, ...extra });
  const old = new Date('2026-09-01T00:00:00Z');
  utimesSync(path.join(dir, 'logs/export/customers.csv'), old, old);
  return dir;
}

const CONFIG = 'retention:\n  rules:\n    "logs/**": 30d\n    "file://logs/web/**": 2w\n';

function byService(findings: readonly Finding[]) {
  return Object.fromEntries(
    findings.map((f) => [f.service, f.retention ? { ...f.oldest, ...f.retention, fingerprint: undefined } : f.form]),
  );
}

async function scanJson(dir: string, args: string[] = []) {
  const result = await runCli(['scan', 'logs', '--format', 'json', '--now', NOW, ...args], dir);
  return { result, report: parseReport(result.stdout) };
}

describe('retention on files', () => {
  it('ages each site from its oldest line timestamp, path date or mtime, under the rule that decides', async () => {
    const { result, report } = await scanJson(makeLogs({ 'piiscan.yaml': CONFIG }));
    const rule = 'retention.rules["logs/**"]';
    expect(byService(report.findings)).toEqual({
      orders: {
        at: '2026-10-01T10:00:00.000Z',
        from: 'line timestamp',
        status: 'exceeded',
        rule,
        limit: '30d',
        limitDays: 30,
        ageDays: 65,
        overDays: 35,
      },
      // The more specific glob decides: 16 days old against 2w.
      web: {
        at: '2026-11-20T00:00:00.000Z',
        from: 'path',
        status: 'exceeded',
        rule: 'retention.rules["file://logs/web/**"]',
        limit: '2w',
        limitDays: 14,
        ageDays: 16,
        overDays: 2,
      },
      export: {
        at: '2026-09-01T00:00:00.000Z',
        from: 'modified',
        status: 'exceeded',
        rule,
        limit: '30d',
        limitDays: 30,
        ageDays: 96,
        overDays: 66,
      },
      gateway: 'masked',
    });
    expect(report.summary.retentionExceeded).toBe(3);
    expect(result.exitCode).toBe(1);
  });

  it('data within its limit passes a policy that allows the plaintext; exceeded data fails it', async () => {
    const policy = 'policy:\n  rules: { "*": { "*": [plaintext, masked] } }\n';
    const dir = makeLogs({ 'piiscan.yaml': `${policy}${CONFIG}` });
    const early = await scanJson(dir, ['--now', '2026-10-15T00:00:00Z']);
    expect(
      early.report.findings
        .filter((f) => f.retention)
        .map((f) => f.retention!.status)
        .sort(),
    ).toEqual([
      'exceeded', // the csv, last written 2026-09-01
      'within',
      'within',
    ]);
    expect(early.report.summary.failing).toBe(1);
    const late = await scanJson(dir);
    expect(late.report.summary.failing).toBe(3);
    expect(late.report.findings.every((f) => f.policy!.verdict === 'allowed')).toBe(true);
  });

  it('takes the reference time from PIISCAN_NOW, and --now over it', async () => {
    const dir = makeLogs({ 'piiscan.yaml': CONFIG });
    const env = { PIISCAN_NOW: '2026-10-20' };
    const fromEnv = parseReport((await run(['scan', 'logs/orders', '-f', 'json'], { cwd: dir, env })).stdout);
    expect(fromEnv.findings[0]!.retention).toMatchObject({ status: 'within', ageDays: 18, overDays: 0 });
    const given = await run(['scan', 'logs/orders', '-f', 'json', '--now', NOW], { cwd: dir, env });
    expect(parseReport(given.stdout).findings[0]!.retention).toMatchObject({ ageDays: 65 });
    const bad = await run(['scan', 'logs/orders'], { cwd: dir, env: { PIISCAN_NOW: 'yesterday' } });
    expect(bad).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('PIISCAN_NOW') });
  });

  it('a baseline keeps a known retention finding known on later days, with no date in it', async () => {
    const dir = makeLogs({ 'piiscan.yaml': CONFIG });
    expect((await runCli(['baseline', 'logs', '--now', NOW], dir)).exitCode).toBe(0);
    const baseline = (await import('node:fs')).readFileSync(path.join(dir, '.piiscan-baseline.json'), 'utf8');
    expect(baseline).not.toMatch(/2026-|ageDays|overDays/);
    expect(baseline.match(/"kind": "retention"/g)).toHaveLength(3);
    const later = await scanJson(dir, ['--now', '2027-01-10T00:00:00Z', '--baseline', '.piiscan-baseline.json']);
    expect(later.result.exitCode).toBe(0);
    expect(later.report.findings.filter((f) => f.retention?.inBaseline)).toHaveLength(3);
  });

  it('a known finding whose data outgrows its limit is new', async () => {
    const dir = makeLogs({ 'piiscan.yaml': CONFIG });
    // Before any limit is exceeded but the csv's: the baseline holds the findings and one retention.
    await runCli(['baseline', 'logs', '--now', '2026-10-10T00:00:00Z'], dir);
    const later = await scanJson(dir, ['--baseline', '.piiscan-baseline.json']);
    expect(later.result.exitCode).toBe(1);
    expect(
      later.report.findings
        .filter((f) => f.new)
        .map((f) => f.service)
        .sort(),
    ).toEqual(['orders', 'web']);
  });

  it('applies a product file retention to its mapped sources, bronze limit on bronze sites', async () => {
    const config = 'declarations:\n  products:\n    orders: ["file://lake/**"]\n';
    const dir = makeTree({
      'piiscan.yaml': config,
      'products/orders/product.yaml': ORDERS_PRODUCT,
      'lake/bronze/orders/dt=2026-10-01/orders.log': 'INFO order email=ann@example.com\n',
      'lake/silver/orders/dt=2026-10-01/orders.log': 'INFO order email=bob@example.com\n',
    });
    const args = ['scan', 'lake', '-f', 'json', '--now', NOW, '--declarations', 'products/**/product.yaml'];
    const report = parseReport((await runCli(args, dir)).stdout);
    const retention = new Map(report.findings.map((f) => [f.site.uri.split('/')[3], f.retention]));
    expect(retention.get('bronze')).toMatchObject({
      status: 'exceeded',
      rule: `products/orders/product.yaml:${LINES.bronze}`,
      limit: '30d',
      overDays: 36,
    });
    expect(retention.get('silver')).toMatchObject({
      status: 'within',
      rule: `products/orders/product.yaml:${LINES.period}`,
      limit: '365d',
    });
  });

  it('every format names each retention exceeded with its oldest date, excess and rule', async () => {
    const dir = makeLogs({ 'piiscan.yaml': CONFIG });
    const said = 'oldest 2026-10-01 (line timestamp), 65 days old, 35 over the 30d limit of retention.rules["logs/**"]';
    for (const format of ['table', 'markdown', 'html']) {
      const text = (await runCli(['scan', 'logs/orders', '-f', format, '--now', NOW], dir)).stdout;
      expect(text.replace(/\\/g, '').replace(/&#34;/g, '"')).toContain(said);
    }
    const sarif = parseSarif((await runCli(['scan', 'logs/orders', '-f', 'sarif', '--now', NOW], dir)).stdout);
    const results = sarif.runs[0]!.results.filter((r) => r['ruleId'] === 'retention-exceeded');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      kind: 'fail',
      level: 'warning',
      message: { text: expect.stringContaining(said) },
    });
    const html = (await runCli(['scan', 'logs/orders', '-f', 'html', '--now', NOW], dir)).stdout;
    expect(html).toContain('new; retention exceeded (retention.rules[&#34;logs/**&#34;])');
  });

  it('explain says where the finding stands against its rule', async () => {
    const dir = makeLogs({ 'piiscan.yaml': CONFIG });
    await runCli(['scan', 'logs', '-f', 'json', '-o', 'r.json', '--now', NOW], dir);
    const report = parseReport((await runCli(['report', 'r.json', '-f', 'json'], dir)).stdout);
    const web = report.findings.find((f) => f.service === 'web')!;
    const text = (await runCli(['explain', web.fingerprint, '--report', 'r.json'], dir)).stdout;
    expect(text).toContain(
      'Retention: exceeded: plaintext email of web: oldest 2026-11-20 (path), 16 days old, 2 over the 2w limit of retention.rules["file://logs/web/**"]',
    );
  });

  it('refuses a limit it cannot read, naming its path', async () => {
    const dir = makeLogs({ 'piiscan.yaml': 'retention:\n  rules:\n    "logs/**": thirty\n' });
    const result = await runCli(['scan', 'logs'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('retention.rules.logs/**: expected a limit such as 30d, 2w, 6m or 1y');
  });
});
