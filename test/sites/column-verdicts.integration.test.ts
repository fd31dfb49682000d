// Column verdicts against real servers (test/servers/postgres.sh and mariadb.sh): the same
// realistic tables in PostgreSQL and MariaDB give each column one right verdict, with its share.
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { EXPECTED_VERDICTS, fixtureTables, isPlaceholder } from './column-verdicts-fixture.js';
import { databaseUrl, dropDatabase, freshDatabase, parseReport, runCli } from '../helpers.js';

const PG_URL = process.env['PIISCAN_TEST_PG_URL'];
const MYSQL_URL = process.env['PIISCAN_TEST_MYSQL_URL'];
const DB = 'piiscan_verdicts';
const ROWS_PER_INSERT = 1000;

async function loadPostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: await freshDatabase(PG_URL!, DB) });
  await client.connect();
  try {
    for (const table of fixtureTables()) {
      await client.query(`CREATE TABLE ${table.name} (${table.columns.replace('INET', 'inet')})`);
      for (let first = 0; first < table.rows.length; first += ROWS_PER_INSERT) {
        const rows = table.rows.slice(first, first + ROWS_PER_INSERT);
        const width = rows[0]!.length;
        const tuples = rows.map(
          (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
        );
        await client.query(`INSERT INTO ${table.name} VALUES ${tuples.join(', ')}`, rows.flat());
      }
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function loadMariadb(): Promise<void> {
  await freshDatabase(MYSQL_URL!, DB);
  const admin = await mysql.createConnection(MYSQL_URL!);
  try {
    for (const table of fixtureTables()) {
      await admin.query(`CREATE TABLE ${DB}.${table.name} (${table.columns.replace('INET', 'inet4')})`);
      for (let first = 0; first < table.rows.length; first += ROWS_PER_INSERT) {
        await admin.query(`INSERT INTO ${DB}.${table.name} VALUES ?`, [
          table.rows.slice(first, first + ROWS_PER_INSERT),
        ]);
      }
      await admin.query(`ANALYZE TABLE ${DB}.${table.name}`);
    }
  } finally {
    await admin.end();
  }
}

async function scan(url: string, args: string[] = []): Promise<Report> {
  const { stdout } = await runCli(['scan', databaseUrl(url, DB), '--format', 'json', '--quiet', ...args]);
  return parseReport(stdout);
}

/** `table.column` of a column finding (PostgreSQL's `public.` schema dropped). */
const columnOf = (uri: string) =>
  uri
    .split('/')
    .pop()!
    .replace(/^public\./, '');

function expectVerdicts(report: Report): void {
  const verdicts = report.findings.map((f) => `${columnOf(f.site.uri)} ${f.detector} ${f.form}`).sort();
  expect(verdicts).toEqual(EXPECTED_VERDICTS);
  const share = (column: string) => report.findings.find((f) => columnOf(f.site.uri) === column)!.share;
  for (const column of [
    'sessions.client_ip',
    'customers.phone',
    'customers.contact_number',
    'customers.mobile',
    'users.email',
    'payments.card_masked',
    'accounts.iban_masked',
    'users.phone_enc',
  ]) {
    expect(share(column), column).toBe(1);
  }
  expect(share('customers.notes')).toBe(0.1);
  const users = fixtureTables().find((t) => t.name === 'users')!.rows.length;
  const placeholders = Array.from({ length: users }, (_, i) => i + 1).filter(isPlaceholder).length;
  expect(placeholders).toBeGreaterThan(0);
  expect(share('users.email_enc')).toBe(Number(((users - placeholders) / users).toPrecision(3)));
  expect(report.coverage.tables.find((t) => t.table.endsWith('orders'))).toMatchObject({
    rowsScanned: 30_000,
    sampled: false,
  });
}

const SERVERS = [
  { name: 'PostgreSQL', url: PG_URL, load: loadPostgres },
  { name: 'MariaDB', url: MYSQL_URL, load: loadMariadb },
];

for (const server of SERVERS) {
  describe.skipIf(!server.url && !process.env['CI'])(`column verdicts on ${server.name}`, () => {
    beforeAll(server.load, 120_000);
    afterAll(async () => {
      if (server.url) await dropDatabase(server.url, DB);
    });

    it('gives every column one right verdict with its share, on one thread and on workers', async () => {
      const one = await scan(server.url!, ['--jobs', '1']);
      expectVerdicts(one);
      const workers = await scan(server.url!, ['--jobs', '2', '--concurrency', '3']);
      expect(workers.findings).toEqual(one.findings);
    }, 60_000);
  });
}
