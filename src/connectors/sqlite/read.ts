/**
 * Streams a SQLite table's rows into a sink, whole or sampled, without holding the table: rows
 * come one at a time from `StatementSync.iterate()` and the reader waits for the sink between
 * rows. Each value goes by its runtime type, whatever the column's declared type: text as text,
 * integers and reals as their text, blobs as bytes (binary columns: the raw bytes, as PostgreSQL's
 * bytea), NULL as null.
 */
import { isUtf8 } from 'node:buffer';
import type { DatabaseSync } from 'node:sqlite';
import type { ReadMethod, ReadPlan, RowSink } from '../database/driver.js';
import { createRandom } from '../seeded-random.js';
import { quote, type SqliteTable } from './schema.js';
import { getRow, iterateRows } from './rows.js';
import { RANGES, toRangeRows, toRangeStarts } from './sample.js';

/** Thrown when a table's read takes longer than the plan's statement timeout. */
export class SqliteTimeoutError extends Error {
  readonly code = 'PIISCAN_SQLITE_TIMEOUT';
}

/** Rows between two looks at the clock. */
const CLOCK_ROWS = 256;

/** What reading a table asks for. */
export interface TableReadOptions {
  db: DatabaseSync;
  table: SqliteTable;
  plan: ReadPlan;
  sink: RowSink;
}

/** One table's read under way. */
interface TableRead extends TableReadOptions {
  /** Whether column i is a binary column (`bytes`). */
  binary: boolean[];
  /** The time (`Date.now()`) past which the read stops: the plan's statement timeout. */
  deadline: number;
  /** Rows stepped over so far, passed on or not. */
  stepped: number;
}

/** Counts a row stepped over; every so many, checks the clock. */
function step(read: TableRead): void {
  if (++read.stepped % CLOCK_ROWS === 0 && Date.now() > read.deadline)
    throw new SqliteTimeoutError('statement timeout');
}

/** Passes a row's values (the first `table.columns.length`: a key may follow) to the sink, each by its runtime type. */
function passRow(read: TableRead, row: unknown[]): void {
  const { sink } = read;
  for (let i = 0; i < read.binary.length + keyWidth(read.table); i++) {
    const value = row[i];
    if (value === null || value === undefined) sink.text(i, null);
    else if (typeof value === 'string') sink.text(i, value);
    else if (value instanceof Uint8Array) {
      // A blob in a text column is read as text when it is UTF-8; other bytes there are no text to scan.
      if (read.binary[i] || isUtf8(value)) sink.bytes(i, value, 0, value.length);
      else sink.text(i, null);
    } else sink.text(i, (value as number | bigint).toString());
  }
  sink.endRow();
}

/**
 * Passes every row to the sink, waiting for it between rows; returns the last row's key (the value
 * after the columns).
 */
async function passAll(read: TableRead, rows: Iterable<unknown[]>): Promise<unknown> {
  let key: unknown;
  for (const row of rows) {
    step(read);
    passRow(read, row);
    key = row[read.binary.length + keyWidth(read.table)];
    const waiting = read.sink.wait();
    if (waiting !== undefined) await waiting;
  }
  return key;
}

/** The select list: the columns read, the primary key's, then `extra` (a key); SQLite has no empty select list. */
function toSelectList(table: SqliteTable, extra?: string): string {
  const keys = (table.primaryKey ?? []).map(quote);
  return (
    [...table.columns.map((c) => quote(c.name)), ...keys, ...(extra === undefined ? [] : [extra])].join(', ') || 'NULL'
  );
}

/** Values of the primary key after a row's columns. */
const keyWidth = (table: SqliteTable) => table.primaryKey?.length ?? 0;

interface KeyBounds {
  lo: bigint;
  hi: bigint;
}

/**
 * The integer key's smallest and largest values; undefined without one, or when a WITHOUT ROWID
 * table's INTEGER key holds other values.
 */
function toKeyBounds({ db, table }: TableRead): KeyBounds | undefined {
  if (table.integerKey === undefined) return undefined;
  const key = quote(table.integerKey);
  const [lo, hi] = getRow(db, `SELECT min(${key}), max(${key}) FROM ${quote(table.table)}`)!;
  return typeof lo === 'bigint' && typeof hi === 'bigint' ? { lo, hi } : undefined;
}

/** Samples by key: from each random start, the next rows in key order, never a row twice. */
async function readRanges(read: TableRead, bounds: KeyBounds): Promise<string> {
  const { db, table, plan } = read;
  const key = quote(table.integerKey!);
  const length = toRangeRows(plan.sampleRows);
  const select = db.prepare(
    `SELECT ${toSelectList(table, key)} FROM ${quote(table.table)} WHERE ${key} >= ? ORDER BY ${key} LIMIT ?`,
  );
  let next = bounds.lo;
  for (const start of toRangeStarts({ ...bounds, seed: plan.seed })) {
    if (next > bounds.hi) break;
    const last = await passAll(read, iterateRows(select, start > next ? start : next, length));
    if (typeof last === 'bigint') next = last + 1n;
  }
  return `${RANGES} random ${table.integerKey} ranges of ${length} rows (seed ${plan.seed})`;
}

/** Samples a table without an integer key: every row is read, each kept by a seeded draw (rows come in key order). */
async function readDrawn(read: TableRead, estimate: number): Promise<string> {
  const { db, table, plan, sink } = read;
  const fraction = plan.sampleRows / estimate;
  const random = createRandom(plan.seed);
  for (const row of iterateRows(db.prepare(`SELECT ${toSelectList(table)} FROM ${quote(table.table)}`))) {
    step(read);
    if (random() >= fraction) continue;
    passRow(read, row);
    const waiting = sink.wait();
    if (waiting !== undefined) await waiting;
  }
  return `full read, rows kept with probability ${fraction.toPrecision(4)} (seed ${plan.seed})`;
}

/**
 * The estimate to decide on. Without a cheap one, an exact count. Else a count bounded by the
 * sample size (cheap) checks it: a rowid span or stale statistics may overstate a small table,
 * which is then read whole, and statistics may understate a large one, which is then counted.
 */
function toDecisionEstimate({ db, table, plan }: TableRead): number {
  const from = quote(table.table);
  const count = () => Number(getRow(db, `SELECT count(*) FROM ${from}`)![0]);
  if (table.estimatedRows < 0) return count();
  if (plan.full) return table.estimatedRows;
  const rows = Number(getRow(db, `SELECT count(*) FROM (SELECT 1 FROM ${from} LIMIT ?)`, plan.sampleRows + 1)![0]);
  if (rows <= plan.sampleRows) return rows;
  return table.estimatedRows > plan.sampleRows ? table.estimatedRows : count();
}

/** Reads a table, inside one read transaction (one snapshot of a live WAL database); never writes. */
export async function readSqliteTable(options: TableReadOptions): Promise<ReadMethod> {
  const { db, table, plan } = options;
  if (table.error !== undefined) throw table.error as Error;
  const read: TableRead = {
    ...options,
    binary: table.columns.map((c) => c.kind === 'bytes'),
    deadline: Date.now() + plan.statementTimeoutMs,
    stepped: 0,
  };
  db.exec('BEGIN');
  try {
    const estimate = toDecisionEstimate(read);
    if (plan.full || estimate <= plan.sampleRows) {
      await passAll(read, iterateRows(db.prepare(`SELECT ${toSelectList(table)} FROM ${quote(table.table)}`)));
      return { rowsEstimated: estimate, sampled: false, method: 'full' };
    }
    const bounds = toKeyBounds(read);
    const method = bounds ? await readRanges(read, bounds) : await readDrawn(read, estimate);
    return { rowsEstimated: estimate, sampled: true, method };
  } finally {
    if (db.isTransaction) db.exec('ROLLBACK');
  }
}
