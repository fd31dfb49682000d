/**
 * Lists the tables a ClickHouse user can read, from `system.tables` and `system.columns`, with
 * each table's sampling key and a row estimate from its active parts (MergeTree tables only).
 */
import type { TableInfo } from '../database/driver.js';
import { quoteString, ROWLESS_ENGINES, SYSTEM_DATABASES } from './sql.js';
import { toClickhouseKind } from './types.js';

/** Runs a query and gives its rows as objects. */
export type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

/** A ClickHouse table: which columns are read, with their types, and whether it has a sampling key. */
export interface ClickhouseTable extends TableInfo {
  /** Each read column's ClickHouse type, in `columns` order. */
  types: string[];
  /** Whether the table has a sampling key (`SAMPLE` reads a fraction of it). */
  samplingKey: boolean;
}

function scopeOf(database: string, column: string): string {
  return database === ''
    ? `${column} NOT IN (${SYSTEM_DATABASES.map(quoteString).join(', ')})`
    : `${column} = ${quoteString(database)}`;
}

export async function listClickhouseTables(query: Query, database: string): Promise<ClickhouseTable[]> {
  const tables = new Map<string, ClickhouseTable>();
  const key = (r: Record<string, unknown>, name = 'table') => `${String(r['database'])}.${String(r[name])}`;
  const engines = ROWLESS_ENGINES.map(quoteString).join(', ');
  for (const r of await query(
    `SELECT database, name, sampling_key FROM system.tables
      WHERE ${scopeOf(database, 'database')} AND engine NOT IN (${engines}) AND is_temporary = 0`,
  ))
    tables.set(key(r, 'name'), {
      schema: String(r['database']),
      table: String(r['name']),
      columns: [],
      types: [],
      skippedColumns: [],
      estimatedRows: -1,
      samplingKey: String(r['sampling_key']) !== '',
    });
  for (const r of await query(
    `SELECT database, table, name, type FROM system.columns WHERE ${scopeOf(database, 'database')}`,
  )) {
    const table = tables.get(key(r));
    if (table === undefined) continue;
    const [name, type] = [String(r['name']), String(r['type'])];
    const kind = toClickhouseKind(type);
    if (kind === undefined) table.skippedColumns.push(name);
    else {
      table.columns.push({ name, kind });
      table.types.push(type);
    }
  }
  for (const r of await query(
    `SELECT database, table, sum(rows) AS rows FROM system.parts
      WHERE active AND ${scopeOf(database, 'database')} GROUP BY database, table`,
  )) {
    const table = tables.get(key(r));
    if (table !== undefined) table.estimatedRows = Number(r['rows']);
  }
  return [...tables.values()];
}
