// Tables larger than --split-size read as key ranges (PostgreSQL: integer key, text key, ctid
// without a key; MariaDB: integer key, other keys in mysql-keys-shards): 1, 3 and 8 shards merged
// equal one process, and the split scan finds what one read of each table finds (counts, shares,
// rows scanned), sampled or not; linkable pseudonyms across shards with a link key.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { run } from '../../../src/cli/main.js';
import { databaseUrl, expectServer, freshDatabase, makeTree, runStatements } from '../../helpers.js';
import { expectSplitEqual, readReport, scanBothWays, withoutRun } from './shard-helpers.js';

const PG_URL = process.env['PIISCAN_TEST_PG_URL'];
const MYSQL_URL = process.env['PIISCAN_TEST_MYSQL_URL'];
/** About 1,000 rows a range (a row weighs 100 bytes). */
const SPLIT = ['--split-size', '100000'];
const LINK_KEY = 'test-link-key-0123456789abcdef';
const cwd = makeTree({});

/**
 * `extra` holds phone numbers in its last 800 rows of 4,000 only: a fifth of the column, under the
 * share a column not named for phones needs, though most of the last range's values.
 */
const ORDERS_ROWS = 4000;

const expectSplitLikeWhole = (target: string, args: string[]) => expectSplitEqual(target, args, { cwd, split: SPLIT });

describe.skipIf(!PG_URL && !process.env['CI'])('PostgreSQL tables split into ranges', () => {
  const url = () => databaseUrl(PG_URL!, 'piiscan_tables');
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_PG_URL', 'postgres');
    await freshDatabase(PG_URL!, 'piiscan_tables', {
      setup: [
        'CREATE TABLE orders (id bigint PRIMARY KEY, email text, extra text)',
        `INSERT INTO orders SELECT i, 'buyer' || i || '@example.com',
           CASE WHEN i > ${ORDERS_ROWS - 800} THEN '+1 202-555-01' || lpad((i % 100)::text, 2, '0') ELSE 'R-' || i END
           FROM generate_series(1, ${ORDERS_ROWS}) i`,
        'CREATE TABLE visits (email text, note text)',
        `INSERT INTO visits SELECT 'v' || i || '@example.org', 'call +44 20 7946 0958 re ' || i FROM generate_series(1, 3000) i`,
        'CREATE TABLE handles (handle text PRIMARY KEY, email text)',
        `INSERT INTO handles SELECT 'user' || lpad(i::text, 5, '0'), 'h' || i || '@example.net' FROM generate_series(1, 2000) i`,
        'CREATE TABLE order_lines (order_id int, line int, email text, PRIMARY KEY (order_id, line))',
        `INSERT INTO order_lines SELECT i / 4, i % 4, 'l' || i || '@example.com' FROM generate_series(0, 2399) i`,
        // Row estimates, pages and histograms every plan reads: settled before the first scan.
        'VACUUM ANALYZE',
      ],
    });
  }, 60_000);

  it('reads full tables as key, text key and ctid ranges: shards merge equal, totals equal one read', async () => {
    const split = await expectSplitLikeWhole(url(), ['--full', '--seed', '7', '--max-locations', '3']);
    const tables = Object.fromEntries(split.coverage!.tables.map((t) => [t.table, t]));
    expect(tables['public.orders']).toMatchObject({ ranges: 4, rowsScanned: ORDERS_ROWS });
    expect(tables['public.visits']).toMatchObject({ ranges: 3, rowsScanned: 3000 });
    expect(tables['public.handles']!.ranges).toBeGreaterThan(1);
    expect(tables['public.handles']!.rowsScanned).toBe(2000);
    // The phones of the last range are a fifth of the column: not reported, as for one read.
    expect(split.findings!.filter((f) => f.site.uri.endsWith('orders.extra'))).toEqual([]);
    const visits = split.findings!.find((f) => f.site.uri.endsWith('visits.email'))!;
    expect(visits.locations[0]!.key).toEqual({ ctid: expect.stringMatching(/^\(\d+,\d+\)$/) as unknown });
    // A key of two columns splits by row address, and its rows keep their key in locations.
    expect(tables['public.order_lines']!.ranges).toBeGreaterThan(1);
    const lines = split.findings!.find((f) => f.site.uri.endsWith('order_lines.email'))!;
    expect(Object.keys(lines.locations[0]!.key!)).toEqual(['order_id', 'line']);
    const part = readReport(cwd, 'parts-3/part-0.json').shard!;
    expect(part.units).toBeGreaterThan(8);
    // On worker threads (named columns scanned there, the others here), the same report.
    const args = [url(), '--full', '--seed', '7', '--max-locations', '3', ...SPLIT, '--jobs', '2'];
    await run(['scan', ...args, '-f', 'json', '-o', 'threads.json', '-q'], { cwd, env: {} });
    expect(withoutRun(readReport(cwd, 'threads.json'))).toEqual(split);
  }, 240_000);

  it('samples a split table alike: the same rows as one read by the seed', async () => {
    const split = await expectSplitLikeWhole(url(), ['--sample-rows', '2500', '--seed', '7', '--max-locations', '3']);
    const orders = split.coverage!.tables.find((t) => t.table === 'public.orders')!;
    expect(orders).toMatchObject({ sampled: true, ranges: 3 });
  }, 240_000);

  // Shards plan one after another while the table lives on: a few keys added keep the plan (the
  // bounds sit on a coarse grid), a table that grew past it plans other ranges, and the merge
  // refuses the part of the other plan rather than count rows twice or not at all.
  it('keeps the plan while a few rows come, refuses the part of a table that grew', async () => {
    const live = await freshDatabase(PG_URL!, 'piiscan_tables_live', {
      setup: [
        'CREATE TABLE orders (id bigint PRIMARY KEY, email text)',
        `INSERT INTO orders SELECT i, 'b' || i || '@example.com' FROM generate_series(1, ${ORDERS_ROWS}) i`,
        'VACUUM ANALYZE',
      ],
    });
    const shard = async (index: number, dir: string) => {
      mkdirSync(path.join(cwd, dir), { recursive: true });
      const args = ['scan', live, '--full', ...SPLIT, '--shard', `${index}/2`];
      const done = await run([...args, '-f', 'json', '-o', `${dir}/part-${index}.json`, '-q'], { cwd, env: {} });
      expect(done).toMatchObject({ exitCode: 0, stderr: '' });
    };
    const merge = (dir: string) => run(['merge', dir, '-f', 'json', '-o', `${dir}.json`, '-q'], { cwd, env: {} });
    await shard(0, 'live-a');
    await runStatements(live, [`INSERT INTO orders VALUES (${ORDERS_ROWS + 1}, 'late@example.com')`]);
    await shard(1, 'live-a');
    const kept = await merge('live-a');
    expect(kept.stderr).toBe('');
    expect(kept.exitCode).toBe(1); // new findings, as the scan of one process
    expect(readReport(cwd, 'live-a.json').coverage.tables[0]).toMatchObject({ ranges: 4 });

    await shard(0, 'live-b');
    await runStatements(live, [
      `INSERT INTO orders SELECT i, 'b' || i || '@example.com' FROM generate_series(${ORDERS_ROWS + 2}, 9000) i`,
      'ANALYZE orders',
    ]);
    await shard(1, 'live-b');
    const refused = await merge('live-b');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('shard 1 of another plan');
  }, 120_000);

  // Emails in one table and their sha256 in another, both read as ranges spread over 3 shards: with
  // a link key the merge marks the hashed column as one process does, sample bounds included (the
  // plaintext sample stops at 10,000 values, so digests of later customers match nothing).
  it('links a hashed column to plaintext on other shards, as one process does', async () => {
    const links = await freshDatabase(PG_URL!, 'piiscan_tables_links', {
      setup: [
        'CREATE TABLE customers (id bigint PRIMARY KEY, email text)',
        `INSERT INTO customers SELECT i, 'Buyer' || i || '@Example.com' FROM generate_series(1, 12000) i`,
        // The first 500 events are of customers past the plaintext sample, the next of customers in it.
        'CREATE TABLE events (id bigint PRIMARY KEY, user_email_sha256 text)',
        `INSERT INTO events SELECT i, encode(sha256(convert_to(lower('Buyer' ||
           CASE WHEN i <= 500 THEN 11000 + i ELSE i END || '@Example.com'), 'UTF8')), 'hex')
           FROM generate_series(1, 3000) i`,
        'VACUUM ANALYZE',
      ],
    });
    const dir = makeTree({});
    const args = [links, '--full', '--seed', '7', '--max-locations', '2', ...SPLIT];
    const { single, merged, shards } = await scanBothWays(args, { n: 3, cwd: dir, linkKey: LINK_KEY });
    expect(shards.map((s) => s.stderr)).toEqual(['', '', '']);
    expect(merged).toEqual(single);
    expect(merged.report.findings!.find((f) => f.form === 'hashed')!.linkable).toEqual({
      source: expect.stringMatching(/customers\.email$/) as unknown,
      digest: 'sha256-hex',
      share: 0.5,
      sampled: 1000,
    });
    // Both tables were split, and each one's ranges spread over shards.
    const parts = [0, 1, 2].map((i) => readReport(dir, `parts-3/part-${i}.json`).shard!.links!.units);
    expect(parts.filter((units) => units.some((u) => u.plain.length > 0)).length).toBeGreaterThan(1);
    expect(parts.filter((units) => units.some((u) => u.hashed.length > 0)).length).toBeGreaterThan(1);
  }, 240_000);
});

describe.skipIf(!MYSQL_URL && !process.env['CI'])('MariaDB tables split into ranges', () => {
  const url = () => databaseUrl(MYSQL_URL!, 'piiscan_tables');
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_MYSQL_URL', 'mariadb');
    await freshDatabase(MYSQL_URL!, 'piiscan_tables', {
      setup: [
        'CREATE TABLE orders (id bigint PRIMARY KEY, email text, extra text)',
        `INSERT INTO orders SELECT seq, CONCAT('buyer', seq, '@example.com'),
           IF(seq > ${ORDERS_ROWS - 800}, CONCAT('+1 202-555-01', LPAD(seq % 100, 2, '0')), CONCAT('R-', seq))
           FROM seq_1_to_${ORDERS_ROWS}`,
        'ANALYZE TABLE orders',
      ],
    });
  }, 60_000);

  it('reads a table as integer key ranges: shards merge equal, totals equal one read', async () => {
    const split = await expectSplitLikeWhole(url(), ['--full', '--seed', '7', '--max-locations', '3']);
    expect(split.coverage!.tables[0]).toMatchObject({ rowsScanned: ORDERS_ROWS });
    expect(split.coverage!.tables[0]!.ranges).toBeGreaterThan(1);
    expect(split.findings!.filter((f) => f.site.uri.endsWith('orders.extra'))).toEqual([]);
  }, 240_000);

  it('samples a split table alike: the same rows as one read by the seed', async () => {
    const split = await expectSplitLikeWhole(url(), ['--sample-rows', '2500', '--seed', '7', '--max-locations', '3']);
    expect(split.coverage!.tables[0]).toMatchObject({ sampled: true, ranges: 3 });
  }, 240_000);
});
