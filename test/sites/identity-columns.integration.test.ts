// Names, birth dates and addresses in a real PostgreSQL (test/servers/postgres.sh): a customers
// table's full_name, date_of_birth (a DATE), address and zip columns are found with their shares;
// its timestamps, product and service names are not.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, dropDatabase, freshDatabase, parseReport, runCli } from '../helpers.js';

const PG_URL = process.env['PIISCAN_TEST_PG_URL'];
const DB = 'piiscan_identity';

const NAMES = ['Jane Doe', 'Wei Zhang', 'Fatima Ahmed', 'José García-López', 'Hans van der Berg', 'Olga Ivanova'];
const ADDRESSES = [
  '1600 Pennsylvania Avenue NW, Washington, DC 20500',
  '221B Baker Street, London NW1 6XE',
  'Musterstraße 12, 10115 Berlin',
  '742 Evergreen Terrace, Springfield, IL 62704',
];
const ROWS = 40;

/** Every tenth full_name is a placeholder, so the column's share is 0.9. */
async function load(): Promise<void> {
  const client = new pg.Client({ connectionString: await freshDatabase(PG_URL!, DB) });
  await client.connect();
  try {
    await client.query(`CREATE TABLE customers (id serial PRIMARY KEY, full_name text, date_of_birth date,
      address text, zip varchar(10), created_at timestamptz, last_order date, notes text)`);
    await client.query('CREATE TABLE products (id serial PRIMARY KEY, product_name text, service_name text)');
    for (let i = 0; i < ROWS; i++) {
      await client.query('INSERT INTO customers VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7)', [
        i % 10 === 9 ? 'N/A' : NAMES[i % NAMES.length],
        `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
        ADDRESSES[i % ADDRESSES.length],
        String(94105 + i),
        '2026-11-01T10:00:00Z',
        '2025-10-30',
        'Order Service called from New York',
      ]);
      await client.query('INSERT INTO products VALUES (DEFAULT, $1, $2)', ['Rose Gold Watch', 'Grant Stone Gateway']);
    }
  } finally {
    await client.end();
  }
}

describe.skipIf(!PG_URL && !process.env['CI'])('names, birth dates and addresses on PostgreSQL', () => {
  beforeAll(load, 60_000);
  afterAll(async () => {
    if (PG_URL) await dropDatabase(PG_URL, DB);
  });

  it('finds each column of a customers table with its share, and nothing in timestamps or product names', async () => {
    const { stdout } = await runCli(['scan', databaseUrl(PG_URL!, DB), '--format', 'json', '--quiet']);
    const report = parseReport(stdout);
    const columns = report.findings
      .map(
        (f) =>
          `${f.site.uri
            .split('/')
            .pop()!
            .replace(/^public\./, '')} ${f.detector} ${f.form} ${f.share}`,
      )
      .sort();
    expect(columns).toEqual([
      'customers.address postal_address plaintext 1',
      'customers.date_of_birth date_of_birth plaintext 1',
      'customers.full_name person_name plaintext 0.9',
      'customers.zip postal_code plaintext 1',
    ]);
    const name = report.findings.find((f) => f.detector === 'person_name')!;
    expect(name.category).toBe('identity');
    expect(JSON.stringify(report)).not.toContain('Jane Doe');
  }, 60_000);
});
