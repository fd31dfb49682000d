// Linkable pseudonyms across shards on PostgreSQL: emails in one table and their sha256 in
// another, both read as key ranges spread over 3 shards. With a link key the merge marks the
// hashed column as one process does, sample bounds included: the plaintext sample stops at
// 10,000 values, so digests of later customers match nothing, in both.
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, expectServer, freshDatabase, makeTree } from '../../helpers.js';
import { readReport, scanBothWays } from './shard-helpers.js';

const PG_URL = process.env['PIISCAN_TEST_PG_URL'];
/** About 1,000 rows a range (a row weighs 100 bytes). */
const SPLIT = ['--split-size', '100000'];
const KEY = 'test-link-key-0123456789abcdef';

describe.skipIf(!PG_URL && !process.env['CI'])('PostgreSQL: linkable pseudonyms across shards', () => {
  const url = () => databaseUrl(PG_URL!, 'piiscan_links');
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_PG_URL', 'postgres');
    await freshDatabase(PG_URL!, 'piiscan_links', {
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
  }, 60_000);

  it('3 shards with a link key merge into the single-process report, the link included', async () => {
    const cwd = makeTree({});
    const args = [url(), '--full', '--seed', '7', '--max-locations', '2', ...SPLIT];
    const { single, merged, shards } = await scanBothWays(args, { n: 3, cwd, linkKey: KEY });
    expect(shards.map((s) => s.stderr)).toEqual(['', '', '']);
    expect(merged).toEqual(single);
    const hashed = merged.report.findings!.find((f) => f.form === 'hashed')!;
    expect(hashed.linkable).toEqual({
      source: expect.stringMatching(/customers\.email$/) as unknown,
      digest: 'sha256-hex',
      share: 0.5,
      sampled: 1000,
    });
    // Both tables were split, and their ranges spread over the shards.
    const parts = [0, 1, 2].map((i) => readReport(cwd, `parts-3/part-${i}.json`).shard!.links!);
    const kinds = parts.map((p) => [p.units.some((u) => u.plain.length > 0), p.units.some((u) => u.hashed.length > 0)]);
    expect(kinds.filter(([plain]) => plain).length).toBeGreaterThan(1);
    expect(kinds.filter(([, hashed]) => hashed).length).toBeGreaterThan(1);
  }, 240_000);
});
