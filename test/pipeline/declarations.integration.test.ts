// Declared against found on PostgreSQL (test/servers/postgres.sh) and S3 (test/servers/s3.sh):
// the same product files and rows give the same statuses, and a stale declaration when the
// product's source was read whole.
import { describe, expect, it } from 'vitest';
import { databaseUrl, useBucket, useDatabase } from './test-stores.js';
import { makeTree, parseReport, runCli } from '../helpers.js';
import { fieldOf } from '../../src/pipeline/declarations/compare.js';
import type { Report } from '../../src/report/report.js';
import { EXPECTED_STATUSES, LINES, ORDERS_PRODUCT, ordersRows } from './declarations-fixture.js';

const PG_URL = process.env['PIISCAN_TEST_PG_URL'];
const ENDPOINT = process.env['PIISCAN_TEST_S3_ENDPOINT'];
const DB = 'piiscan_declarations';
const BUCKET = 'acme-products';

function statuses(report: Report): Record<string, string> {
  return Object.fromEntries(
    report.findings
      .filter((f) => f.declaration)
      .map((f) => [fieldOf(f), `${f.declaration!.status} ${f.declaration!.line}`]),
  );
}

async function scanWithProducts(target: string, glob: string, args: string[] = []): Promise<Report> {
  const dir = makeTree({
    'products/orders/product.yaml': ORDERS_PRODUCT,
    'piiscan.yaml': `declarations:\n  files: products/**/product.yaml\n  products:\n    orders: "${glob}"\n`,
  });
  const result = await runCli(['scan', target, '-f', 'json', '--quiet', ...args], dir);
  expect(result.stderr).toBe('');
  return parseReport(result.stdout);
}

const STALE = [{ product: 'orders', file: 'products/orders/product.yaml', line: LINES.ssn, field: 'ssn' }];

describe.skipIf(!PG_URL)('declarations on PostgreSQL', () => {
  const url = () => databaseUrl(PG_URL!, DB);

  useDatabase(PG_URL, DB, async (client) => {
    await client.query(
      'CREATE SCHEMA orders; CREATE TABLE orders.customers (email text, email_sha256 text, phone text, contact_email text)',
    );
    for (const row of ordersRows())
      await client.query('INSERT INTO orders.customers VALUES ($1, $2, $3, $4)', Object.values(row));
  });

  it('gives each column its declaration status, and the missing ssn is stale', async () => {
    const report = await scanWithProducts(url(), `postgres://*/${DB}/orders.*`);
    expect(statuses(report)).toEqual(EXPECTED_STATUSES);
    expect(report.declarations!.stale).toEqual(STALE);
  });
});

describe.skipIf(!ENDPOINT)('declarations on S3', () => {
  useBucket(ENDPOINT, BUCKET, () => {
    const rows = ordersRows();
    const csv = ['email,email_sha256,phone,contact_email', ...rows.map((r) => Object.values(r).join(','))].join('\n');
    return { 'orders/customers.csv': `${csv}\n` };
  });

  it('gives each CSV column of the bucket prefix its status, and the missing ssn is stale', async () => {
    const report = await scanWithProducts(`s3://${BUCKET}/`, `s3://${BUCKET}/orders/**`, ['--endpoint-url', ENDPOINT!]);
    expect(statuses(report)).toEqual(EXPECTED_STATUSES);
    expect(report.declarations!.stale).toEqual(STALE);
  });
});
