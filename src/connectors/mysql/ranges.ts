/**
 * How a large MySQL or MariaDB table is split (database/table-ranges.ts): on the first column of
 * its primary key (ordered-key.ts). An integer column by equal widths between its smallest and
 * largest value; another (text, bytes, dates, decimals) at rows probed in its index, as MySQL keeps
 * no histogram of a key to read bounds from. Other tables are read whole.
 *
 * Every shard plans on its own and must get the same bounds, or the merge refuses its part. So
 * the probes sit at evenly spaced row positions (on toIntegerBounds' coarse grid, which a few rows
 * more or less seldom move), and each bound is the value, within a window of rows around its
 * position, with the least MD5: a content-defined choice that moves only when that row goes or a
 * window's edge passes it, not whenever a row is added before it.
 *
 * Cost: a COUNT(*), then one probe a bound, each walking the index on from the previous bound
 * (`> bound ORDER BY key LIMIT window OFFSET rows to the next window`), so the plan reads the key's
 * index about once; offsets from the table's start would read it about count / 2 times. The
 * windows stay at their positions counted from the start, so one bound that moves does not move
 * the next ones, nor do the ranges' lengths drift.
 */
import type { OrderedKey, TableInfo } from '../database/driver.js';
import {
  toBoundedRanges,
  toIntegerBounds,
  toRangeCondition,
  toStringLiteral,
  type TableRange,
} from '../database/table-ranges.js';
import { quote, type Query } from './sql.js';

/** A window of rows a bound is chosen in: this fraction of the rows between two bounds. */
const WINDOW_SHARE = 8;

/**
 * How a bound of the key's first column is written in SQL: text and bytes as hex of their bytes
 * (text with its column's charset), so that any charset and any byte survive; others as strings.
 */
export function toMysqlLiteral(key: OrderedKey): (value: string) => string {
  if (key.kind !== 'text' && key.kind !== 'binary') return toStringLiteral;
  return (value) => {
    if (!/^(?:[0-9A-F]{2})*$/.test(value)) throw new Error('a hex bound of a key range is not hex');
    return key.kind === 'text' ? `_${key.charset!} X'${value}'` : `X'${value}'`;
  };
}

/** The SQL condition of a range of the table's ordered key. */
export function toMysqlRangeCondition(table: TableInfo, range: TableRange): string {
  return toRangeCondition(range, quote, table.orderedKey === undefined ? undefined : toMysqlLiteral(table.orderedKey));
}

async function integerBounds(query: Query, from: string, column: string, count: number): Promise<string[]> {
  const key = quote(column);
  const [bounds] = await query(`SELECT CAST(MIN(${key}) AS CHAR) AS lo, CAST(MAX(${key}) AS CHAR) AS hi FROM ${from}`);
  const lo = bounds?.['lo'] as string | null | undefined;
  const hi = bounds?.['hi'] as string | null | undefined;
  if (lo === null || lo === undefined || hi === null || hi === undefined) return [];
  return toIntegerBounds(BigInt(lo), BigInt(hi), count);
}

/** Bounds probed in the key's index, in one snapshot of the table; strictly increasing in the key's collation. */
async function probedBounds(query: Query, from: string, key: OrderedKey, count: number): Promise<string[]> {
  const column = quote(key.columns[0]!);
  const order = key.columns.map(quote).join(', ');
  const literal = toMysqlLiteral(key);
  const read = key.kind === 'value' ? 'CAST(k AS CHAR)' : 'HEX(k)';
  await query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
  try {
    const rows = Number((await query(`SELECT COUNT(*) AS n FROM ${from}`))[0]!['n']);
    if (rows < 2) return [];
    const positions = toIntegerBounds(0n, BigInt(rows - 1), count).map(Number);
    const gaps = positions.map((p, i) => p - (positions[i - 1] ?? 0));
    const window = Math.max(1, Math.floor(Math.min(...gaps) / WINDOW_SHARE));
    const bounds: string[] = [];
    // The row position the last bound stands at (with a key of several columns, where its value's
    // first row stands: the rows that share it are passed over too, a range a little longer).
    let at = -1;
    for (const position of positions) {
      const after = bounds.length === 0 ? '' : `WHERE ${column} > ${literal(bounds[bounds.length - 1]!)}`;
      const offset = Math.max(0, position - Math.floor(window / 2) - (at + 1));
      // Ordered by the whole key, the inner read walks the index in one order, ties of the first
      // column included; MD5 is taken of the window's rows only. RANK gives rows equal in the
      // collation (`a`, `A`) one place, whichever order the window function sorts them in.
      const [picked] = await query(
        `SELECT ${read} AS b, n FROM (
           SELECT k, RANK() OVER (ORDER BY k) AS n
             FROM (SELECT ${column} AS k FROM ${from} ${after} ORDER BY ${order} LIMIT ${window} OFFSET ${offset}) w) r
          ORDER BY MD5(k), k LIMIT 1`,
      );
      if (picked === undefined) break;
      bounds.push(String(picked['b']));
      at += offset + Number(picked['n']);
    }
    return bounds;
  } finally {
    await query('ROLLBACK').catch(() => undefined);
  }
}

/** About `count` ranges of a table; undefined (read whole) without an ordered key or when it is empty. */
export async function planMysqlRanges(
  query: Query,
  table: TableInfo,
  count: number,
): Promise<TableRange[] | undefined> {
  const key = table.orderedKey;
  if (key === undefined) return undefined;
  const from = `${quote(table.schema)}.${quote(table.table)}`;
  const column = key.columns[0]!;
  const bounds =
    key.kind === 'integer'
      ? await integerBounds(query, from, column, count)
      : await probedBounds(query, from, key, count);
  return bounds.length === 0 ? undefined : toBoundedRanges('key', column, bounds);
}
