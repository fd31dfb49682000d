// PostgreSQL, MariaDB and an S3 bucket (test/servers/*.sh) scanned as 1, 3 and 8 shards driven by
// JOB_COMPLETION_INDEX, then merged: the same report as one process, sampled tables included.
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, expectServer, freshDatabase, makeTree } from '../../helpers.js';
import { fillBucket, useS3rverEnv } from '../../s3-server.js';
import { readReport, scanBothWays } from './shard-helpers.js';

const PG_URL = process.env['PIISCAN_TEST_PG_URL'];
const MYSQL_URL = process.env['PIISCAN_TEST_MYSQL_URL'];
const S3_ENDPOINT = process.env['PIISCAN_TEST_S3_ENDPOINT'];
/** Tables of several sizes, one larger than --sample-rows so that it is sampled by the seed. */
const TABLES = (serial: string) => [
  `CREATE TABLE customers (id ${serial} PRIMARY KEY, email text, phone varchar(40))`,
  `CREATE TABLE events (id ${serial} PRIMARY KEY, note text)`,
  `CREATE TABLE staff (id ${serial} PRIMARY KEY, email text)`,
  `CREATE TABLE empty_one (id ${serial} PRIMARY KEY, email text)`,
];
const ARGS = ['--sample-rows', '400', '--seed', '7', '--max-locations', '3'];
const cwd = makeTree({});

async function expectEqualMerges(target: string, extra: string[] = []): Promise<void> {
  for (const n of [1, 3, 8]) {
    const { single, merged, shards } = await scanBothWays([target, ...ARGS, ...extra], { n, cwd });
    expect(shards.map((s) => s.stderr)).toEqual(shards.map(() => ''));
    expect(single.report.findings!.length).toBeGreaterThan(1);
    expect(merged).toEqual(single);
  }
}

describe.skipIf(!PG_URL && !process.env['CI'])('PostgreSQL as shards', () => {
  const url = () => databaseUrl(PG_URL!, 'piiscan_shards');
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_PG_URL', 'postgres');
    await freshDatabase(PG_URL!, 'piiscan_shards', {
      setup: [
        ...TABLES('serial'),
        `INSERT INTO customers (email, phone) SELECT 'c' || i || '@example.com', '+1 202-555-01' || lpad((i % 100)::text, 2, '0') FROM generate_series(1, 3000) i`,
        `INSERT INTO events (note) SELECT 'call +44 20 7946 0958 about ' || i FROM generate_series(1, 300) i`,
        `INSERT INTO staff (email) SELECT 's' || i || '@example.org' FROM generate_series(1, 40) i`,
      ],
    });
  }, 60_000);

  it('merges 1, 3 and 8 shards into the single-process report', async () => {
    await expectEqualMerges(url());
    const sampled = readReport(cwd, 'merged-8.json').coverage.tables.filter((t) => t.sampled);
    expect(sampled.map((t) => t.table)).toEqual(['public.customers']);
  }, 120_000);
});

describe.skipIf(!MYSQL_URL && !process.env['CI'])('MariaDB as shards', () => {
  const url = () => databaseUrl(MYSQL_URL!, 'piiscan_shards');
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_MYSQL_URL', 'mariadb');
    await freshDatabase(MYSQL_URL!, 'piiscan_shards', {
      setup: [
        ...TABLES('int AUTO_INCREMENT'),
        `INSERT INTO customers (email, phone) SELECT CONCAT('c', seq, '@example.com'), CONCAT('+1 202-555-01', LPAD(seq % 100, 2, '0')) FROM seq_1_to_3000`,
        `INSERT INTO events (note) SELECT CONCAT('call +44 20 7946 0958 about ', seq) FROM seq_1_to_300`,
        `INSERT INTO staff (email) SELECT CONCAT('s', seq, '@example.org') FROM seq_1_to_40`,
      ],
    });
  }, 60_000);

  it('merges 1, 3 and 8 shards into the single-process report', () => expectEqualMerges(url()), 120_000);
});

describe.skipIf(!S3_ENDPOINT && !process.env['CI'])('S3 as shards', () => {
  useS3rverEnv();
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_S3_ENDPOINT', 's3');
    const body = (n: number, i: number) => `INFO order ${i} for buyer${i}@example.com\n`.repeat(n);
    const days = Array.from({ length: 24 }, (_, i) => [`orders/day-${i}.log`, body(1 + (i % 7) * 20, i)] as const);
    await fillBucket(S3_ENDPOINT!, 'piiscan-shards', {
      ...Object.fromEntries(days),
      'hr/people.csv': 'name,email\nA,a@example.org\n',
    });
  }, 60_000);

  it('merges 1, 3 and 8 shards into the single-process report, objects sampled alike', async () => {
    await expectEqualMerges('s3://piiscan-shards/', ['--endpoint-url', S3_ENDPOINT!, '--sample-objects', '10']);
    expect(readReport(cwd, 'merged-3.json').coverage.objects[0]).toMatchObject({ objectsScanned: 11, sampled: true });
  }, 120_000);
});
