/**
 * The tables of a SQLite file and how each column is read. SQLite is dynamically typed: a declared
 * type only gives a column an affinity, so the kind follows SQLite's own affinity rules and the
 * reader still treats every value by its runtime type.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ColumnKind, TableInfo } from '../database/driver.js';
import { allRows, getRow } from './rows.js';

/** A SQLite table with what its reader needs beyond `TableInfo`. */
export interface SqliteTable extends TableInfo {
  /** A virtual table (FTS, R*Tree, ...): read through its module. */
  virtual?: true;
  /** A WITHOUT ROWID table: sampled by its integer primary key (`integerKey`), or by a seeded draw over a full read. */
  withoutRowid?: true;
  /**
   * Why the table cannot be read (a virtual table of a module this SQLite lacks): its read throws
   * it, the other tables are read.
   */
  error?: unknown;
}

/** Declared types read as PostgreSQL skips theirs: dates, times, booleans, uuids. */
const SKIPPED =
  /^(?:date|datetime|time|timestamp|timestamptz|interval|year|bool|boolean|bit|uuid|guid|uniqueidentifier)\b/i;

/**
 * The kind of a declared type: skipped types first, then SQLite's affinity rules in their order
 * (INT, then CHAR/CLOB/TEXT, then BLOB or none, then REAL/FLOA/DOUB, else NUMERIC). JSON is text
 * read as JSON; a STRICT table's ANY holds any type, as an untyped column does; REAL columns are
 * skipped as PostgreSQL's floats are; numeric names read as numbers and any other name (`STRING`,
 * `ENUM`) as text, for what such columns hold is text.
 */
export function toKind(declared: string): ColumnKind | undefined {
  const type = declared.trim().toUpperCase();
  if (SKIPPED.test(type)) return undefined;
  if (type.includes('INT')) return 'number';
  if (/^JSON\b/.test(type)) return 'json';
  if (/CHAR|CLOB|TEXT/.test(type)) return 'text';
  if (type === '' || type === 'ANY' || type.includes('BLOB')) return 'bytes';
  if (/REAL|FLOA|DOUB/.test(type)) return undefined;
  if (/NUM|DEC/.test(type)) return 'number';
  return 'text';
}

/** SQL identifier quoting. */
export const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

interface TableRow {
  name: string;
  type: string;
  wr: bigint;
}

/** The name a rowid table's rowid goes by in SQL: its INTEGER PRIMARY KEY column, or an alias no column takes. */
function toRowidName(columns: Array<{ name: string; type: string; pk: bigint }>): string {
  const keys = columns.filter((c) => c.pk > 0n);
  if (keys.length === 1 && keys[0]!.type.toUpperCase() === 'INTEGER') return keys[0]!.name;
  const names = new Set(columns.map((c) => c.name.toLowerCase()));
  return ['rowid', '_rowid_', 'oid'].find((alias) => !names.has(alias)) ?? 'rowid';
}

/**
 * A cheap row estimate: ANALYZE's count when `sqlite_stat1` has one, else the rowid span of a
 * rowid table (two b-tree seeks), else -1: the reader counts (as PostgreSQL's reader does).
 */
function toEstimate(
  db: DatabaseSync,
  { table, key, stat1 }: { table: string; key: string | undefined; stat1: boolean },
): number {
  if (stat1) {
    const row = getRow(db, 'SELECT stat FROM sqlite_stat1 WHERE tbl = ? AND stat IS NOT NULL LIMIT 1', table);
    const rows = row ? Number.parseInt(String(row[0]), 10) : Number.NaN;
    if (Number.isFinite(rows)) return rows;
  }
  if (key === undefined) return -1;
  const [lo, hi] = getRow(db, `SELECT min(${quote(key)}), max(${quote(key)}) FROM ${quote(table)}`)!;
  if (lo === null && hi === null) return 0;
  // A WITHOUT ROWID table's INTEGER key may hold other values: no span then.
  return typeof lo === 'bigint' && typeof hi === 'bigint' ? Number(hi - lo + 1n) : -1;
}

function toTable(db: DatabaseSync, { row, stat1 }: { row: TableRow; stat1: boolean }): SqliteTable {
  let xinfo: unknown[][];
  try {
    xinfo = allRows(db, `PRAGMA main.table_xinfo(${quote(row.name)})`);
  } catch (error) {
    return { schema: 'main', table: row.name, columns: [], skippedColumns: [], estimatedRows: -1, error };
  }
  const columns = xinfo.map(([, name, type, , , pk, hidden]) => ({
    name: String(name),
    type: typeof type === 'string' ? type : '',
    pk: BigInt(pk as bigint),
    hidden: Number(hidden),
  }));
  // Hidden columns of a virtual table (FTS5's rank, ...) are the module's, not data.
  const visible = columns.filter((c) => c.hidden !== 1);
  const info: SqliteTable = { schema: 'main', table: row.name, columns: [], skippedColumns: [], estimatedRows: -1 };
  for (const c of visible) {
    const kind = toKind(c.type);
    if (kind) info.columns.push({ name: c.name, kind });
    else info.skippedColumns.push(c.name);
  }
  if (row.type === 'virtual') info.virtual = true;
  const keys = visible.filter((c) => c.pk > 0n);
  if (row.wr === 1n) {
    info.withoutRowid = true;
    if (keys.length === 1 && keys[0]!.type.toUpperCase().includes('INT')) info.integerKey = keys[0]!.name;
  } else if (!info.virtual) info.integerKey = toRowidName(visible);
  // Locations name a row by its declared key, or by its rowid.
  const declared = keys.sort((a, b) => Number(a.pk - b.pk)).map((c) => c.name);
  if (declared.length > 0) info.primaryKey = declared;
  else if (!info.virtual && info.integerKey !== undefined) info.primaryKey = [info.integerKey];
  info.estimatedRows = info.virtual ? -1 : toEstimate(db, { table: row.name, key: info.integerKey, stat1 });
  return info;
}

/**
 * The tables of the `main` schema: ordinary and virtual tables, never views, SQLite's own
 * `sqlite_%` tables or the shadow tables where a virtual table keeps its data (read once, through
 * the virtual table, with its column names).
 */
export function listSqliteTables(db: DatabaseSync): SqliteTable[] {
  const rows = allRows(
    db,
    "SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
  ).map(([name, type, wr]) => ({ name: String(name), type: String(type), wr: BigInt(wr as bigint) }));
  const stat1 = getRow(db, "SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'") !== undefined;
  return rows.map((row) => toTable(db, { row, stat1 }));
}
