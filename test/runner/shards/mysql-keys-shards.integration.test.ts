// MariaDB tables split on primary keys that are not integers: text in a case-insensitive collation
// (non-ASCII, mixed case) and in latin1, bytes, dates and times, decimals, and keys of two
// columns (split on the first, text or integer). Each row falls in exactly one range; 1, 3 and 8
// shards merged equal one process, whose totals equal one read of each table, full or sampled;
// unit ids hold no key value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysql } from '../../../src/connectors/mysql/index.js';
import type { TableUnit } from '../../../src/connectors/database/connector.js';
import { toMysqlRangeCondition } from '../../../src/connectors/mysql/ranges.js';
import { databaseUrl, expectServer, freshDatabase, makeTree } from '../../helpers.js';
import { expectSplitEqual } from './shard-helpers.js';
import { createConnection } from 'mysql2/promise';

const MYSQL_URL = process.env['PIISCAN_TEST_MYSQL_URL'];
const ROWS = 2400;
/** About 1,000 rows a range (a row weighs 100 bytes): 3 ranges a table. */
const SPLIT = ['--split-size', '100000'];
const cwd = makeTree({});

/** Tables and the expression of their key from `seq`; each gets an email a row. */
const KEYED: Record<string, [string, string]> = {
  handles: [
    'handle varchar(40) COLLATE utf8mb4_unicode_ci PRIMARY KEY',
    `CONCAT(ELT(seq % 4 + 1, 'zoë', 'Émile', 'ÅSA', 'o''neil'), IF(seq % 2, 'x', 'X'), LPAD(seq, 5, '0'))`,
  ],
  legacy: [
    'name varchar(40) CHARACTER SET latin1 COLLATE latin1_german1_ci PRIMARY KEY',
    `CONCAT(ELT(seq % 3 + 1, 'Müller', 'mueller', 'MÜLLER-'), LPAD(seq, 5, '0'))`,
  ],
  tokens: ['token binary(8) PRIMARY KEY', 'UNHEX(LEFT(MD5(seq), 16))'],
  parcels: ['sku varbinary(12) PRIMARY KEY', 'CONCAT(UNHEX(LEFT(MD5(seq), 4)), seq)'],
  days: ['day date PRIMARY KEY', `'2019-01-01' + INTERVAL seq DAY`],
  logged: ['at datetime(6) PRIMARY KEY', `'2020-03-29 00:59:59.5' + INTERVAL seq * 1234567 MICROSECOND`],
  stamps: ['at timestamp(3) PRIMARY KEY', 'FROM_UNIXTIME(1600000000 + seq * 3599.5)'],
  amounts: ['amount decimal(12,2) PRIMARY KEY', '(CAST(seq AS SIGNED) - 1200) * 10.25'],
  // A key of two columns whose first is an integer: equal widths of it; sampled by digest.
  order_lines: ['order_id int, line int, PRIMARY KEY (order_id, line)', 'seq DIV 4, seq % 4'],
  // Rows of one region (in any case) share the first key column: ranges split between regions.
  visits: [
    'region varchar(20) COLLATE utf8mb4_general_ci, n int, PRIMARY KEY (region, n)',
    `CONCAT(IF(seq % 2, 'r', 'R'), seq DIV 6), seq`,
  ],
};
/** Read whole: no key, or a key whose type does not order exactly. */
const WHOLE: Record<string, [string, string]> = {
  notes: ['', ''],
  readings: ['r double PRIMARY KEY', 'seq / 3'],
};

function toSetup(tables: Record<string, [string, string]>): string[] {
  return Object.entries(tables).flatMap(([table, [key, value]]) => [
    `CREATE TABLE ${table} (${key ? `${key}, ` : ''}email text) CHARACTER SET utf8mb4`,
    `INSERT INTO ${table} SELECT ${value ? `${value}, ` : ''}CONCAT('${table}', seq, '@example.com') FROM seq_1_to_${ROWS}`,
  ]);
}

/** The units a plan of the database gives, as one process plans them. */
async function planUnits(url: string): Promise<TableUnit[]> {
  const database = { sampleRows: 100_000, full: true, seed: 7, statementTimeoutMs: 60_000, lockTimeoutMs: 5_000 };
  const settings = {
    database: { ...database, concurrency: 1, include: [], exclude: [] },
    files: { cwd },
    splitBytes: 100_000,
  };
  const units: TableUnit[] = [];
  try {
    for await (const unit of mysql.plan(url, settings)) units.push(unit);
  } finally {
    await mysql.close?.(url);
  }
  return units;
}

describe.skipIf(!MYSQL_URL && !process.env['CI'])('MariaDB tables split on any ordered primary key', () => {
  const url = () => databaseUrl(MYSQL_URL!, 'piiscan_keys');
  let session: Awaited<ReturnType<typeof createConnection>>;
  beforeAll(async () => {
    expectServer('PIISCAN_TEST_MYSQL_URL', 'mariadb');
    await freshDatabase(MYSQL_URL!, 'piiscan_keys', {
      setup: [...toSetup(KEYED), ...toSetup(WHOLE), 'ANALYZE TABLE handles'],
    });
    session = await createConnection(url());
  }, 60_000);
  afterAll(() => session?.end());

  it('puts each row in exactly one range, under ids that name no key value', async () => {
    const units = await planUnits(url());
    const byTable = new Map<string, TableUnit[]>();
    for (const unit of units) byTable.set(unit.table.table, [...(byTable.get(unit.table.table) ?? []), unit]);
    expect([...byTable.keys()].sort()).toEqual([...Object.keys(KEYED), ...Object.keys(WHOLE)].sort());
    for (const table of Object.keys(WHOLE)) expect(byTable.get(table)!.map((u) => u.table.range)).toEqual([undefined]);
    for (const table of Object.keys(KEYED)) {
      const ranges = byTable.get(table)!;
      expect(ranges.length, table).toBeGreaterThan(1);
      for (const unit of ranges)
        expect(unit.id).toMatch(/^mysql:\/\/127\.0\.0\.1:\d+\/piiscan_keys\/\w+#key=\d\/\d@[0-9a-f]{16}$/);
      const conditions = ranges.map((u) => `(${toMysqlRangeCondition(u.table, u.table.range!)})`);
      const counts = [];
      for (const condition of conditions) {
        const [rows] = await session.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${condition}`);
        counts.push(Number((rows as Array<{ n: number }>)[0]!.n));
      }
      const [outside] = await session.query(
        `SELECT COUNT(*) AS n FROM ${table} WHERE NOT (${conditions.join(' OR ')})`,
      );
      expect(Number((outside as Array<{ n: number }>)[0]!.n), table).toBe(0);
      expect(
        counts.reduce((a, b) => a + b),
        table,
      ).toBe(ROWS);
      // Not one range holding nearly all: the bounds sit inside the table's rows.
      expect(Math.max(...counts), table).toBeLessThan(ROWS * 0.6);
    }
  }, 60_000);

  it('keeps the bounds of a text key while a few rows come and go, each bound on its own', async () => {
    const handles = async () => (await planUnits(url())).filter((u) => u.table.table === 'handles').map((u) => u.id);
    const change = async (statement: string) => {
      const [result] = await session.query(statement);
      return (result as { affectedRows: number }).affectedRows;
    };
    const before = await handles();
    expect(await change(`INSERT INTO handles VALUES ('aaron', 'a@example.com'), ('Zz-top', 'z@example.com')`)).toBe(2);
    expect(await change(`DELETE FROM handles WHERE handle IN ('émilex00001', 'ÅSAx00002')`)).toBe(2);
    const after = await handles();
    await change(`DELETE FROM handles WHERE handle IN ('aaron', 'Zz-top')`);
    await change(
      `INSERT INTO handles VALUES ('Émilex00001', 'handles1@example.com'), ('ÅSAX00002', 'handles2@example.com')`,
    );
    expect(after).toEqual(before);
    // The row a bound stands on goes: that bound moves (the ids of the two ranges it closes and
    // opens), the next one does not.
    const units = (await planUnits(url())).filter((u) => u.table.table === 'handles');
    const bound = `_utf8mb4 X'${units[1]!.table.range!.from!}'`;
    const [rows] = await session.query(`SELECT handle, email FROM handles WHERE handle = ${bound}`);
    const [row] = rows as Array<{ handle: string; email: string }>;
    expect(await change(`DELETE FROM handles WHERE handle = ${bound}`)).toBe(1);
    const moved = await handles();
    await session.query('INSERT INTO handles VALUES (?, ?)', [row!.handle, row!.email]);
    expect(moved[0]).not.toBe(before[0]);
    expect(moved[1]).not.toBe(before[1]);
    expect(moved.slice(2)).toEqual(before.slice(2));
  }, 60_000);

  it('reads full tables as ranges: shards merge equal, every row found once as in one read', async () => {
    const split = await expectSplitEqual(url(), ['--full', '--seed', '7', '--max-locations', '3'], {
      cwd,
      split: SPLIT,
    });
    const tables = Object.fromEntries(split.coverage!.tables.map((t) => [t.table.replace(/^piiscan_keys\./, ''), t]));
    for (const table of Object.keys(KEYED)) {
      expect(tables[table], table).toMatchObject({ rowsScanned: ROWS, ranges: 3 });
      const email = split.findings!.find((f) => f.site.uri.endsWith(`/${table}.email`))!;
      expect(email.count, table).toBe(ROWS);
    }
    for (const table of Object.keys(WHOLE)) expect(tables[table]!.ranges).toBeUndefined();
  }, 240_000);

  it('samples split tables by a digest of seed and key: shards merge equal to one sampled read', async () => {
    const args = ['--sample-rows', '1500', '--seed', '7', '--max-locations', '3'];
    const split = await expectSplitEqual(url(), args, { cwd, split: SPLIT });
    for (const table of Object.keys(KEYED)) {
      const read = split.coverage!.tables.find((t) => t.table === `piiscan_keys.${table}`)!;
      expect(read, table).toMatchObject({
        sampled: true,
        ranges: 2,
        method: expect.stringMatching(/^MD5\(seed, key\) < 0\.62\d+ \(seed 7\)$/) as unknown,
      });
      expect(read.rowsScanned, table).toBeGreaterThan(1200);
      expect(read.rowsScanned, table).toBeLessThan(1800);
    }
  }, 240_000);
});
