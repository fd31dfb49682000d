// Declared against found, on files: undeclared PII, violated declarations and stale ones, with the
// product file and line, in every format; a product the scan did not cover has no stale ones.
import { describe, expect, it } from 'vitest';
import { makeTree, parseReport, parseSarif, runCli } from '../helpers.js';
import { parseProduct } from '../../src/pipeline/declarations/load-products.js';
import { fieldOf } from '../../src/pipeline/declarations/compare.js';
import type { Finding } from '../../src/sites/finding.js';
import { EXPECTED_STATUSES, LINES, ORDERS_PRODUCT, WEB_PRODUCT, ordersRows } from './declarations-fixture.js';

const CONFIG = `declarations:
  products:
    orders: "file://exports/orders/**"
    web: "file://exports/web/**"
`;

function tree(extra: Record<string, string> = {}) {
  const rows = ordersRows();
  const csv = ['email,email_sha256,phone,contact_email', ...rows.map((r) => Object.values(r).join(','))].join('\n');
  return makeTree({
    'products/orders/product.yaml': ORDERS_PRODUCT,
    'products/web/product.yaml': WEB_PRODUCT,
    'exports/orders/customers.csv': `${csv}\n`,
    'exports/web/app.log': '2026-11-01T10:00:00Z INFO signup for ann@example.com\n',
    'piiscan.yaml': CONFIG,
    ...extra,
  });
}

/** Field (or site) → status and line. */
function statuses(findings: readonly Finding[]): Record<string, string> {
  return Object.fromEntries(
    findings
      .filter((f) => f.declaration)
      .map((f) => [fieldOf(f) ?? f.service, `${f.declaration!.status} ${f.declaration!.line}`]),
  );
}

describe('product files', () => {
  it('reads pii_fields as names and as entries, with their lines', () => {
    const product = parseProduct(ORDERS_PRODUCT, 'products/orders/product.yaml');
    expect(product).toMatchObject({ name: 'orders', pii: true, line: LINES.pii, classification: 'confidential' });
    expect(product.retention).toEqual({
      bronzeDays: 30,
      bronzeLine: LINES.bronze,
      period: '365d',
      periodLine: LINES.period,
    });
    expect(product.fields.map((f) => [f.name, f.type, f.line, f.method])).toEqual([
      ['email', 'plaintext', LINES.email, undefined],
      ['email_sha256', 'pseudonymized', LINES.email_sha256, 'sha256'],
      ['phone', 'masked', LINES.phone, 'partial_mask'],
      ['ssn', 'pseudonymized', LINES.ssn, 'sha256'],
    ]);
    expect(parseProduct(WEB_PRODUCT, 'w.yaml')).toMatchObject({ pii: false, fields: [] });
  });

  it('says which file and entry is wrong', () => {
    expect(() => parseProduct('privacy:\n  pii_fields:\n    - { type: masked }\n', 'p.yaml')).toThrow(/^p\.yaml:3: /);
  });
});

describe('declared against found, on files', () => {
  it('reports undeclared, violated and stale declarations with the product file and line', async () => {
    const dir = tree();
    const result = await runCli(['scan', 'exports', '--declarations', 'products/**/product.yaml', '-f', 'json'], dir);
    const report = parseReport(result.stdout);
    expect(statuses(report.findings)).toEqual({ ...EXPECTED_STATUSES, web: 'undeclared 3' });
    expect(report.findings.find((f) => fieldOf(f) === 'email_sha256')!.declaration!.reason).toBe(
      'email_sha256 is declared sha256, its values are md5 digests',
    );
    expect(report.declarations!.stale).toEqual([
      { product: 'orders', file: 'products/orders/product.yaml', line: LINES.ssn, field: 'ssn' },
    ]);
    const violation = report.findings.find((f) => fieldOf(f) === 'phone')!.policy!;
    expect(violation).toMatchObject({ verdict: 'violation', rule: `declarations products/orders/product.yaml:12` });
    expect(result.exitCode).toBe(1);
  });

  it('finds no stale declaration in a product the scan did not cover', async () => {
    const dir = tree();
    const result = await runCli(
      ['scan', 'exports/web', '--declarations', 'products/**/product.yaml', '-f', 'json'],
      dir,
    );
    const report = parseReport(result.stdout);
    expect(report.declarations!.stale).toEqual([]);
    expect(report.declarations!.products.map((p) => [p.name, p.covered])).toEqual([
      ['orders', false],
      ['web', true],
    ]);
  });

  it('says so in every format', async () => {
    const dir = tree({ 'piiscan.yaml': `${CONFIG}  files: products/**/product.yaml\n` });
    const scan = async (format: string) => (await runCli(['scan', 'exports', '-f', format], dir)).stdout;
    const stale = `Stale declaration: products/orders/product.yaml:${LINES.ssn}: orders declares ssn`;
    expect(await scan('table')).toContain(stale);
    expect(await scan('table')).toContain(`Declaration violated: products/orders/product.yaml:${LINES.phone}`);
    expect(await scan('markdown')).toContain(`Undeclared PII: products/web/product.yaml:3`);
    expect(await scan('html')).toContain(stale);
    const sarif = parseSarif(await scan('sarif'));
    const results = sarif.runs[0]!.results;
    expect(results.find((r) => r['ruleId'] === 'stale-declaration')).toMatchObject({
      level: 'note',
      locations: [{ physicalLocation: { region: { startLine: LINES.ssn } } }],
    });
    const text = results.map((r) => (r['message'] as { text: string }).text).join('\n');
    expect(text).toContain(`Violates declarations products/orders/product.yaml:${LINES.email_sha256}.`);
  });

  it('a glob that finds no product file is a one-line error', async () => {
    const result = await runCli(['scan', 'exports', '--declarations', 'nope/**/product.yaml'], tree());
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
