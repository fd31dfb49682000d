/**
 * Streams a SQLite table's rows into a sink, whole or sampled, without holding the table: rows
 * come one at a time from `StatementSync.iterate()` and the reader waits for the sink between
 * rows. Each value goes by its runtime type, whatever the column's declared type: text as text,
 * integers and reals as their text, blobs as bytes (binary columns: the raw bytes, as PostgreSQL's
 * bytea), NULL as null.
 */
import { isUtf8 } from 'node:buffer';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ReadMethod, ReadPlan, RowSink } from '../database.js';
import { createRandom } from '../seeded-random.js';
import { quote, type SqliteTable } from './schema.js';
import { getRow } from './rows.js';
import { RANGES, toRangeRows, toRangeStarts } from './sample.js';

/** Thrown when a table's read takes longer than the plan's statement timeout. */
export class SqliteTimeoutError extends Error {
  readonly code = 'PIISCAN_SQLITE_TIMEOUT';
}

/** Rows between two looks at the clock. */
const CLOCK_ROWS = 256;

interface Reader {
  sink: RowSink;
  /** Values per row passed to the sink (a row may carry its key after them). */
  width: number;
  /** Whether column i is a binary column (`bytes`). */
  binary: boolean[];
  deadline: number;
  rows: number;
}

function passValue(reader: Reader, i: number, value: unknown): void {
  const { sink } = reader;
  if (value === null || value === undefined) sink.text(i, null);
  else if (typeof value === 'string') sink.text(i, value);
  else if (value instanceof Uint8Array) {
    // A blob in a text column is read as text when it is UTF-8; other bytes there are no text to scan.
    if (reader.binary[i] || isUtf8(value)) sink.bytes(i, value, 0, value.length);
    else sink.text(i, null);
  } else sink.text(i, String(value));
}

/** The select list: the columns read, then `extra` (a key); SQLite has no empty select list. */
function toSelectList(table: SqliteTable, extra?: string): string {
  return [...table.columns.map((c) => quote(c.name)), ...(extra === undefined ? [] : [extra])].join(', ') || 'NULL';
}

/** Passes the statement's rows to the sink; returns the last row's key (the value after the columns), if any. */
async function pass(reader: Reader, statement: StatementSync, ...params: Array<bigint | number>): Promise<unknown> {
  let key: unknown;
  for (const row of statement.iterate(...params) as Iterable<unknown[]>) {
    for (let i = 0; i < reader.width; i++) passValue(reader, i, row[i]);
    reader.sink.endRow();
    key = row[reader.width];
    if (++reader.rows % CLOCK_ROWS === 0 && Date.now() > reader.deadline) throw new SqliteTimeoutError('statement timeout');
    const waiting = reader.sink.wait();
    if (waiting !== undefined) await waiting;
  }
  return key;
}

/** Samples by key: from each random start, the next rows in key order, never a row twice. */
async function readRanges(db: DatabaseSync, table: SqliteTable, plan: ReadPlan, reader: Reader): Promise<string> {
  const key = quote(table.integerKey!);
  const from = quote(table.table);
  const [lo, hi] = getRow(db, `SELECT min(${key}), max(${key}) FROM ${from}`) as [bigint | null, bigint | null];
  const length = toRangeRows(plan.sampleRows);
  if (lo !== null && hi !== null) {
    const select = db.prepare(`SELECT ${toSelectList(table, key)} FROM ${from} WHERE ${key} >= ? ORDER BY ${key} LIMIT ?`);
    let next = lo;
    for (const start of toRangeStarts({ lo, hi, seed: plan.seed })) {
      if (next > hi) break;
      const last = await pass(reader, select, start > next ? start : next, length);
      if (typeof last === 'bigint') next = last + 1n;
    }
  }
  return `${RANGES} random ${table.integerKey} ranges of ${length} rows (seed ${plan.seed})`;
}

/** Samples a table without an integer key: every row is read, each kept by a seeded draw (rows come in key order). */
async function readDrawn(db: DatabaseSync, table: SqliteTable, plan: ReadPlan, reader: Reader, estimate: number): Promise<string> {
  const fraction = plan.sampleRows / estimate;
  const random = createRandom(plan.seed);
  let seen = 0;
  for (const row of db.prepare(`SELECT ${toSelectList(table)} FROM ${quote(table.table)}`).iterate() as Iterable<unknown[]>) {
    if (++seen % CLOCK_ROWS === 0 && Date.now() > reader.deadline) throw new SqliteTimeoutError('statement timeout');
    if (random() >= fraction) continue;
    for (let i = 0; i < reader.width; i++) passValue(reader, i, row[i]);
    reader.sink.endRow();
    const waiting = reader.sink.wait();
    if (waiting !== undefined) await waiting;
  }
  return `full read, rows kept with probability ${fraction.toPrecision(4)} (seed ${plan.seed})`;
}

/** The estimate to decide on: exact when the table has no cheap one, or when a bounded count shows it small. */
function toDecisionEstimate(db: DatabaseSync, table: SqliteTable, plan: ReadPlan): number {
  const from = quote(table.table);
  if (table.estimatedRows < 0) return Number(getRow(db, `SELECT count(*) FROM ${from}`)![0]);
  if (plan.full || table.estimatedRows <= plan.sampleRows) return table.estimatedRows;
  // A rowid span or stale statistics may overstate a small table: count up to the sample size (cheap, bounded).
  const rows = Number(getRow(db, `SELECT count(*) FROM (SELECT 1 FROM ${from} LIMIT ?)`, plan.sampleRows + 1)![0]);
  return rows <= plan.sampleRows ? rows : table.estimatedRows;
}

/** Reads a table, inside one read transaction (one snapshot of a live WAL database); never writes. */
export async function readSqliteTable(db: DatabaseSync, table: SqliteTable, plan: ReadPlan, sink: RowSink): Promise<ReadMethod> {
  if (table.error !== undefined) throw table.error;
  const reader: Reader = { sink, width: table.columns.length, binary: table.columns.map((c) => c.kind === 'bytes'), deadline: Date.now() + plan.statementTimeoutMs, rows: 0 };
  db.exec('BEGIN');
  try {
    const estimate = toDecisionEstimate(db, table, plan);
    if (plan.full || estimate <= plan.sampleRows) {
      await pass(reader, db.prepare(`SELECT ${toSelectList(table)} FROM ${quote(table.table)}`));
      return { rowsEstimated: estimate, sampled: false, method: 'full' };
    }
    const method = table.integerKey === undefined ? await readDrawn(db, table, plan, reader, estimate) : await readRanges(db, table, plan, reader);
    return { rowsEstimated: estimate, sampled: true, method };
  } finally {
    if (db.isTransaction) db.exec('ROLLBACK');
  }
}
