/**
 * Which rows a sample of a MySQL or MariaDB table reads, chosen with the seed so that a run can be
 * repeated, and so that a row is read or not whichever range of a split table (ranges.ts) reads
 * it: the sample is a property of the row, never of the read.
 */
import type { ReadPlan, TableInfo } from '../database/driver.js';
import type { TableRange } from '../database/table-ranges.js';
import { createRandom } from '../seeded-random.js';
import { toMysqlRangeCondition } from './ranges.js';
import { quote, type Query } from './sql.js';

const RANGES = 16;

/** A digest is read as its first 8 hex digits: a number below 2^32. */
const DIGEST_SPAN = 2 ** 32;

/** Random ranges of an integer key that together hold about `fraction` of its span. */
async function integerRanges(query: Query, table: TableInfo, plan: ReadPlan, fraction: number) {
  const key = quote(table.integerKey!);
  const [bounds] = await query(
    `SELECT MIN(${key}) AS lo, MAX(${key}) AS hi FROM ${quote(table.schema)}.${quote(table.table)}`,
  );
  const lo = Number(bounds!['lo']);
  const span = Number(bounds!['hi']) - lo + 1;
  const length = Math.max(1, Math.ceil((span * fraction) / RANGES));
  const random = createRandom(plan.seed);
  const starts = Array.from({ length: RANGES }, () => lo + Math.floor(random() * Math.max(1, span - length + 1))).sort(
    (a, b) => a - b,
  );
  const ranges = starts.map((start) => `${key} BETWEEN ${start} AND ${start + length - 1}`);
  return {
    where: `WHERE ${ranges.join(' OR ')}`,
    method: `${RANGES} random ${table.integerKey} ranges of ${length} keys (seed ${plan.seed})`,
  };
}

/**
 * The WHERE clause of a sample of about sampleRows rows: random ranges of an integer key; rows
 * whose digest of the seed and their whole primary key falls under the fraction, for another key
 * a table may be split by (`RAND(seed)` would draw by the order rows are read in, which a range
 * changes); `RAND(seed)` over the whole read of a table that is never split.
 */
export async function toSampleWhere(
  query: Query,
  table: TableInfo,
  plan: ReadPlan,
  estimate: number,
): Promise<{ where: string; method: string }> {
  const fraction = plan.sampleRows / estimate;
  if (table.integerKey) return integerRanges(query, table, plan, fraction);
  if (table.orderedKey) {
    const key = table.orderedKey.columns.map(quote).join(', ');
    const digest = `CAST(CONV(LEFT(MD5(CONCAT_WS(',', ${plan.seed}, ${key})), 8), 16, 10) AS UNSIGNED)`;
    return {
      where: `WHERE ${digest} < ${Math.round(fraction * DIGEST_SPAN)}`,
      method: `MD5(seed, key) < ${fraction.toFixed(6)} (seed ${plan.seed})`,
    };
  }
  return {
    where: `WHERE RAND(${plan.seed}) < ${fraction.toFixed(6)}`,
    method: `RAND(${plan.seed}) < ${fraction.toFixed(6)}`,
  };
}

/** A sample's WHERE clause (or none) narrowed to a range of the key. */
export function toRangeWhere(where: string, table: TableInfo, range: TableRange): string {
  const condition = toMysqlRangeCondition(table, range);
  return where === '' ? `WHERE ${condition}` : `WHERE (${where.replace(/^WHERE /, '')}) AND ${condition}`;
}
