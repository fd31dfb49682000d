// Retention on PostgreSQL (test/servers/postgres.sh) and S3 (test/servers/s3.sh): a configured
// timestamp column dates rows; on S3, dates in keys and line timestamps (s3rver's LastModified is
// the upload time, so an object without either is dated now, and within any limit).
import { describe, expect, it } from 'vitest';
import { databaseUrl, useBucket, useDatabase } from './test-stores.js';
import { makeTree, parseReport, runCli } from '../helpers.js';
import type { Report } from '../../src/report/report.js';

const PG_URL = process.env['PIISCAN_TEST_PG_URL'];
const ENDPOINT = process.env['PIISCAN_TEST_S3_ENDPOINT'];
const DB = 'piiscan_retention';
const BUCKET = 'acme-retention';
const NOW = '2026-12-06T00:00:00Z';

async function scan(
  target: string,
  config: string,
  args: string[] = [],
): Promise<{ report: Report; exitCode: number }> {
  const dir = makeTree({ 'piiscan.yaml': config });
  const result = await runCli(['scan', target, '-f', 'json', '--quiet', '--now', NOW, ...args], dir);
  expect(result.stderr).toBe('');
  return { report: parseReport(result.stdout), exitCode: result.exitCode };
}

/** Site (its last path segment) → oldest date's day, source, status and days over. */
function ages(report: Report): Record<string, string> {
  return Object.fromEntries(
    report.findings.map((f) => [
      f.site.uri.slice(f.site.uri.lastIndexOf('/') + 1),
      f.retention
        ? `${f.oldest?.at.slice(0, 10) ?? '-'} ${f.oldest?.from ?? '-'} ${f.retention.status} ${f.retention.overDays ?? '-'}`
        : 'no rule',
    ]),
  );
}

describe.skipIf(!PG_URL)('retention on PostgreSQL', () => {
  const url = () => databaseUrl(PG_URL!, DB);

  useDatabase(PG_URL, DB, async (client) => {
    await client.query(`CREATE SCHEMA bronze; CREATE SCHEMA silver;
      CREATE TABLE bronze.signups (id int PRIMARY KEY, email text, ingested_at timestamptz);
      CREATE TABLE silver.customers (id int PRIMARY KEY, email text, updated timestamp);
      CREATE TABLE silver.undated (id int PRIMARY KEY, email text)`);
    // The oldest row with an email is 2026-10-01; an older row holds none, and a NULL date is no date.
    await client.query(`INSERT INTO bronze.signups VALUES
      (1, NULL, '2026-01-01T00:00:00Z'), (2, 'ann@example.com', '2026-11-30T00:00:00Z'),
      (3, 'bob@example.com', '2026-10-01T12:00:00+02:00'), (4, 'cy@example.com', NULL)`);
    await client.query(`INSERT INTO silver.customers VALUES (1, 'dan@example.com', '2026-11-01 00:00:00')`);
    await client.query(`INSERT INTO silver.undated VALUES (1, 'eve@example.com')`);
  });

  const config = `retention:
  rules:
    "postgres://*/${DB}/bronze.**": 30d
    "postgres://*/${DB}/silver.**": 1y
  timestampColumns:
    "bronze.*": ingested_at
    "silver.customers": updated
`;

  it('dates rows by the configured timestamp column, and fails on bronze rows past 30 days', async () => {
    const { report, exitCode } = await scan(url(), config);
    expect(ages(report)).toEqual({
      'bronze.signups.email': '2026-10-01 row timestamp exceeded 35',
      'silver.customers.email': '2026-11-01 row timestamp within 0',
      'silver.undated.email': '- - undated -',
    });
    expect(report.findings.find((f) => f.retention?.status === 'exceeded')!.retention!.rule).toBe(
      `retention.rules["postgres://*/${DB}/bronze.**"]`,
    );
    expect(exitCode).toBe(1);
  });

  it('without timestamp columns, rows are undated and fail nothing of retention', async () => {
    const { report } = await scan(url(), config.slice(0, config.indexOf('  timestampColumns')));
    expect(Object.values(ages(report))).toEqual(['- - undated -', '- - undated -', '- - undated -']);
    expect(report.summary.retentionExceeded).toBe(0);
  });
});

describe.skipIf(!ENDPOINT)('retention on S3', () => {
  useBucket(ENDPOINT, BUCKET, () => ({
    'bronze/events/dt=2026-10-01/part-0.json': '{"email":"ann@example.com"}\n',
    'bronze/events/dt=2026-11-30/part-0.json': '{"email":"bob@example.com"}\n',
    'bronze/clicks/2026/11/20/part-0.csv': 'id,email\n1,cy@example.com\n',
    'logs/app/app.log':
      '2026-11-01T08:00:00Z INFO signup dan@example.com\n2026-12-05T08:00:00Z INFO signup eve@example.com\n',
    'logs/batch/run.log': 'INFO batch mailed fay@example.com\n',
  }));

  const config = `retention:
  rules:
    "s3://${BUCKET}/bronze/**": 30d
    "s3://${BUCKET}/logs/**": 14d
`;

  it('dates objects by the dates in their keys and lines by their timestamps', async () => {
    const { report, exitCode } = await scan(`s3://${BUCKET}/`, config, ['--endpoint-url', ENDPOINT!]);
    expect(ages(report)).toEqual({
      // Both partitions are one site: the oldest ages it.
      'part-*.json': '2026-10-01 path exceeded 36',
      'part-*.csv#email': '2026-11-20 path within 0',
      'app.log': '2026-11-01 line timestamp exceeded 20',
      // No date in the key nor the line: s3rver's LastModified, the upload: within.
      'run.log': `${new Date().toISOString().slice(0, 10)} modified within 0`,
    });
    expect(report.summary.retentionExceeded).toBe(2);
    expect(exitCode).toBe(1);
  });
});
