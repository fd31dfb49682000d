/**
 * The primary key a MySQL or MariaDB table is split and sampled by (ranges.ts, sample-where.ts):
 * its columns in index order, when the first has an order ranges can follow in the index (numbers
 * but floats, strings and bytes of bounded length, dates and times). Floats compare inexactly,
 * long text and JSON cannot be a whole key: such tables are read whole, as keyless ones are.
 */
import type { OrderedKey, TableInfo } from '../database/driver.js';
import { SYSTEM_SCHEMAS, toScope, type Query } from './sql.js';

const KINDS: Record<string, OrderedKey['kind']> = {
  tinyint: 'integer',
  smallint: 'integer',
  mediumint: 'integer',
  int: 'integer',
  bigint: 'integer',
  char: 'text',
  varchar: 'text',
  binary: 'binary',
  varbinary: 'binary',
  date: 'value',
  datetime: 'value',
  timestamp: 'value',
  time: 'value',
  year: 'value',
  decimal: 'value',
};

/** Sets `orderedKey` on the tables whose whole primary key is readable and whose first column orders. */
export async function addOrderedKeys(query: Query, database: string, tables: readonly TableInfo[]): Promise<void> {
  const rows = await query(
    `SELECT c.TABLE_SCHEMA AS s, c.TABLE_NAME AS t, c.COLUMN_NAME AS c, k.DATA_TYPE AS d,
            k.CHARACTER_SET_NAME AS cs, c.SUB_PART AS p
       FROM information_schema.STATISTICS c
       JOIN information_schema.COLUMNS k
         ON k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME
      WHERE c.INDEX_NAME = 'PRIMARY' AND ${toScope(database)}
      ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.SEQ_IN_INDEX`,
    database ? [database] : SYSTEM_SCHEMAS,
  );
  const keys = new Map<string, typeof rows>();
  for (const r of rows) {
    const name = `${String(r['s'])}.${String(r['t'])}`;
    keys.set(name, [...(keys.get(name) ?? []), r]);
  }
  for (const table of tables) {
    const key = keys.get(`${table.schema}.${table.table}`);
    const first = key?.[0];
    const kind = KINDS[String(first?.['d']).toLowerCase()];
    const charset = String(first?.['cs']);
    // A prefix index does not order by the whole value; a key column not readable cannot bound a range.
    if (first === undefined || kind === undefined || first['p'] !== null) continue;
    if (key!.length !== table.primaryKey?.length || (kind === 'text' && !/^\w+$/.test(charset))) continue;
    table.orderedKey = {
      columns: key!.map((r) => String(r['c'])),
      kind,
      ...(kind === 'text' ? { charset } : {}),
    };
  }
}
