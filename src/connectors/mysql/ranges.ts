/**
 * How a large MySQL or MariaDB table is split (database/table-ranges.ts): by its integer primary
 * key, in ranges of equal width between its smallest and largest value. Other tables are read whole.
 */
import type { TableInfo } from '../database/driver.js';
import { toBoundedRanges, toIntegerBounds, type TableRange } from '../database/table-ranges.js';
import { quote, type Query } from './sql.js';

/** About `count` ranges of a table; undefined (read whole) without an integer key or when it is empty. */
export async function planMysqlRanges(
  query: Query,
  table: TableInfo,
  count: number,
): Promise<TableRange[] | undefined> {
  if (table.integerKey === undefined) return undefined;
  const key = quote(table.integerKey);
  const [bounds] = await query(
    `SELECT CAST(MIN(${key}) AS CHAR) AS lo, CAST(MAX(${key}) AS CHAR) AS hi FROM ${quote(table.schema)}.${quote(table.table)}`,
  );
  const lo = bounds?.['lo'] as string | null | undefined;
  const hi = bounds?.['hi'] as string | null | undefined;
  if (lo === null || lo === undefined || hi === null || hi === undefined) return undefined;
  return toBoundedRanges('key', table.integerKey, toIntegerBounds(BigInt(lo), BigInt(hi), count));
}
