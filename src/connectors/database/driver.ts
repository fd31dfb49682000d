/**
 * What the database scan needs from a database, whatever its kind: the readable tables, and each
 * table's rows (sampled or whole, read only, with timeouts). PostgreSQL and MySQL/MariaDB
 * implement it; the scan loop, error handling and coverage are shared.
 */
import type { TableRange } from './table-ranges.js';

/**
 * How piiscan reads a column, from its type; other types (uuid, timestamps, booleans) are skipped.
 * PostgreSQL dates are read as text: birth dates are kept as dates.
 */
export type ColumnKind = 'text' | 'json' | 'number' | 'bytes';

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** An IP address type (PostgreSQL inet, MariaDB INET4 and INET6), read as text: the address alone. */
  address?: true;
}

export interface TableInfo {
  /** PostgreSQL schema, or MySQL database. */
  schema: string;
  table: string;
  columns: ColumnInfo[];
  /** Columns not read because of their type. */
  skippedColumns: string[];
  /** The server's row estimate, or -1 when it has none. */
  estimatedRows: number;
  /**
   * The primary key's columns, when the table has one: a driver reads them after `columns` (as
   * text), so that locations name the row.
   */
  primaryKey?: string[];
  /** A single integer primary key, when the table has one (MySQL samples by key ranges). */
  integerKey?: string;
  /** MySQL: a readable primary key whose first column orders rows, which splits the table (mysql/ranges.ts). */
  orderedKey?: OrderedKey;
  /**
   * The column that dates a row (the config's `retention.timestampColumns`): a driver that can
   * reads it after the primary key, as epoch seconds in text. PostgreSQL does; others ignore it.
   */
  timestamp?: string;
  /** Columns the scanning user may not SELECT: never read, reported with the grant they need. */
  deniedColumns?: string[];
  /** MySQL: the user holds column grants only and may not read every column; the server does not list the others. */
  hiddenColumns?: true;
  /**
   * Set when nothing of the table may be read: no SELECT on any column (`table`), or no USAGE on
   * its schema (`schema`).
   */
  denied?: 'table' | 'schema';
  /** The part of the table a read covers, when the table is read as key ranges (table-ranges.ts). */
  range?: TableRange;
}

/** A primary key a MySQL table is split and sampled by. */
export interface OrderedKey {
  /** The key's columns, in key order: ranges split on the first, a sample's digest takes them all. */
  columns: string[];
  /**
   * How bounds of the first column are read and written: `integer` by equal widths; `text` and
   * `binary` as hex of their bytes (written back with the column's charset); `value` (dates,
   * times, decimals) as their text.
   */
  kind: 'integer' | 'text' | 'binary' | 'value';
  /** The first column's character set, for `text`. */
  charset?: string;
}

export interface ReadPlan {
  /** Rows above which a table is sampled; the sample aims at this many rows. */
  sampleRows: number;
  /** Read every row whatever the size. */
  full: boolean;
  seed: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  /** Read each row's primary key after its columns, for locations (default: not). */
  primaryKeys?: boolean;
  /** `schema.table` glob → the column that dates a row, for retention (default: none). */
  timestampColumns?: Record<string, string>;
}

/** The table as a read sees it: its primary key only when the plan asks for keys. */
export function toKeyedRead<T extends TableInfo>(table: T, plan: ReadPlan): T {
  if (plan.primaryKeys || table.primaryKey === undefined) return table;
  const read = { ...table };
  delete read.primaryKey;
  return read;
}

/** How a table was read, for coverage. */
export interface ReadMethod {
  /** The estimate the decision was made on (an exact count when the server had none). */
  rowsEstimated: number;
  sampled: boolean;
  /** `full`, or the sampling method with its parameters. */
  method: string;
}

/**
 * Where a driver puts the rows it reads, value by value, in `TableInfo.columns` order, then the
 * `primaryKey` columns' values. A driver calls text() or bytes() for each value of a row, then
 * endRow(). The bytes are only valid during the call.
 */
export interface RowSink {
  /** A value as text; null for NULL. */
  text(column: number, value: string | null): void;
  /** A value as UTF-8 text bytes (binary columns: the raw bytes), `src[start, end)`. */
  bytes(column: number, src: Uint8Array, start: number, end: number): void;
  endRow(): void;
  /** A promise while the rows read so far wait to be scanned: a driver awaits it between reads. */
  wait(): Promise<void> | undefined;
}

export interface DatabaseDriver {
  listTables(): Promise<TableInfo[]>;
  /** Streams a table's rows into `sink`, then says how it was read. Never writes. */
  readTable(table: TableInfo, plan: ReadPlan, sink: RowSink): Promise<ReadMethod>;
  /** One line for an error of this database, saying what to do (an unforeseen one with its code and message). */
  describeError(error: unknown): string;
  /** The GRANT statements that would let the scanning user read `columns` of `table` (all of it when it is denied). */
  grantFor(table: TableInfo, columns: readonly string[]): string;
  /**
   * About `count` ranges covering the table, decided from its key's bounds or its size; undefined
   * when it cannot be split (no usable key). Absent for databases whose tables are read whole.
   */
  planRanges?(table: TableInfo, count: number): Promise<TableRange[] | undefined>;
  close(): Promise<void>;
}
