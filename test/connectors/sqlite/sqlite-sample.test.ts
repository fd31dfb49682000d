// Sampling a SQLite table: repeatable with a seed, spread over the whole table, near the size asked,
// whatever the gaps between keys, and never sampling a small table that only looks big.
import { describe, expect, it } from 'vitest';
import { connectSqlite } from '../../../src/connectors/sqlite/sqlite.js';
import type { ReadPlan } from '../../../src/connectors/database/driver.js';
import { makeDatabase, PLAN, recordingSink } from './sqlite-fixture.js';

const ROWS = 20_000;

/** A table `t (id, email)` of `rows` rows whose ids are `step` apart; `keyed` adds WITHOUT ROWID tables. */
function makeTable(rows: number, step = 1): string {
  return makeDatabase(`
    CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
    INSERT INTO t SELECT i * ${step}, 'user' || i || '@example.com' FROM n;
    CREATE TABLE by_name (name TEXT PRIMARY KEY, email TEXT) WITHOUT ROWID;
    INSERT INTO by_name SELECT 'n' || id, email FROM t;
    CREATE TABLE by_number (num INTEGER PRIMARY KEY, email TEXT) WITHOUT ROWID;
    INSERT INTO by_number SELECT id, email FROM t;`).file;
}

async function sample(file: string, table: string, plan: Partial<ReadPlan>) {
  const driver = await connectSqlite({ path: file, display: 'sqlite:app.db' }, PLAN);
  try {
    const info = (await driver.listTables()).find((t) => t.table === table)!;
    const sink = recordingSink();
    const method = await driver.readTable(info, { ...PLAN, ...plan }, sink);
    // The row number in the email: where in the table each sampled row sits.
    return { ...method, positions: sink.rows.map((r) => Number(/^user(\d+)@/.exec(String(r[r.length - 1]))![1])) };
  } finally {
    await driver.close();
  }
}

describe('sqlite sampling', () => {
  const file = makeTable(ROWS);

  it('reads random rowid ranges that together hold about the sample size, across the whole table', async () => {
    const a = await sample(file, 't', { sampleRows: 2000, seed: 11 });
    expect(a).toMatchObject({ sampled: true, rowsEstimated: ROWS, method: '32 random id ranges of 63 rows (seed 11)' });
    expect(a.positions.length).toBeGreaterThan(1800);
    expect(a.positions.length).toBeLessThanOrEqual(32 * 63);
    expect(new Set(a.positions).size).toBe(a.positions.length);
    // Every fifth of the table, oldest rows to newest, has sampled rows.
    expect(new Set(a.positions.map((p) => Math.floor(((p - 1) * 5) / ROWS)))).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('repeats a sample with the same seed and draws another with another seed', async () => {
    const a = await sample(file, 't', { sampleRows: 2000, seed: 11 });
    expect((await sample(file, 't', { sampleRows: 2000, seed: 11 })).positions).toEqual(a.positions);
    expect((await sample(file, 't', { sampleRows: 2000, seed: 12 })).positions).not.toEqual(a.positions);
  });

  it('reads the whole table when asked, or when it is not above the sample size', async () => {
    expect(await sample(file, 't', { sampleRows: 2000, full: true })).toMatchObject({
      sampled: false,
      method: 'full',
      positions: { length: ROWS },
    });
    expect(await sample(file, 't', { sampleRows: ROWS })).toMatchObject({
      sampled: false,
      method: 'full',
      positions: { length: ROWS },
    });
  });

  it('keeps the sample size when keys have wide gaps', async () => {
    const sparse = makeTable(ROWS, 1_000_003);
    const a = await sample(sparse, 't', { sampleRows: 2000, seed: 5 });
    expect(a.positions.length).toBeGreaterThan(1800);
    expect(Math.max(...a.positions) - Math.min(...a.positions)).toBeGreaterThan(ROWS * 0.8);
  });

  it('reads a small table whole though its rowid span looks big', async () => {
    const few = makeTable(50, 100_000_000_000);
    expect(await sample(few, 't', { sampleRows: 1000 })).toMatchObject({
      sampled: false,
      method: 'full',
      rowsEstimated: 50,
      positions: { length: 50 },
    });
  });

  it('counts a table whose statistics understate it, and samples it', async () => {
    const { file: stale } = makeDatabase(`CREATE TABLE t (name TEXT PRIMARY KEY, email TEXT) WITHOUT ROWID;
      INSERT INTO t VALUES ('n0', 'user0@example.com'); ANALYZE;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
      INSERT INTO t SELECT 'n' || i, 'user' || i || '@example.com' FROM n;`);
    const a = await sample(stale, 't', { sampleRows: 500, seed: 2 });
    expect(a).toMatchObject({
      sampled: true,
      rowsEstimated: 5001,
      method: 'full read, rows kept with probability 0.09998 (seed 2)',
    });
    expect(a.positions.length).toBeLessThan(650);
  });

  it('samples a WITHOUT ROWID table whose INTEGER key holds text by a seeded draw', async () => {
    const { file: mixed } = makeDatabase(`CREATE TABLE t (num INTEGER PRIMARY KEY, email TEXT) WITHOUT ROWID;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
      INSERT INTO t SELECT CASE WHEN i % 2 THEN i ELSE 'k' || i END, 'user' || i || '@example.com' FROM n;`);
    const a = await sample(mixed, 't', { sampleRows: 300, seed: 2 });
    expect(a).toMatchObject({ sampled: true, method: 'full read, rows kept with probability 0.1000 (seed 2)' });
    expect(a.positions.length).toBeGreaterThan(200);
  });

  it('samples a WITHOUT ROWID table by its integer key', async () => {
    const a = await sample(file, 'by_number', { sampleRows: 2000, seed: 3 });
    expect(a).toMatchObject({ sampled: true, method: '32 random num ranges of 63 rows (seed 3)' });
    expect(a.positions.length).toBeGreaterThan(1800);
  });

  it('samples a WITHOUT ROWID table without an integer key by a seeded draw over every row', async () => {
    const a = await sample(file, 'by_name', { sampleRows: 2000, seed: 3 });
    expect(a).toMatchObject({
      sampled: true,
      rowsEstimated: ROWS,
      method: 'full read, rows kept with probability 0.1000 (seed 3)',
    });
    expect(a.positions.length).toBeGreaterThan(1700);
    expect(a.positions.length).toBeLessThan(2300);
    expect((await sample(file, 'by_name', { sampleRows: 2000, seed: 3 })).positions).toEqual(a.positions);
  });
});
