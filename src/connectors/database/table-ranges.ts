/**
 * A large table read as several units, each a range of its primary key (or, in PostgreSQL without
 * a usable key, of its row addresses, `ctid`, by block), so that one huge table never holds a
 * shard back. Bounds run from the first range, open below, to the last, open above: every row is
 * in exactly one range (a key is never NULL), rows inserted past the last bound included. Each
 * range reads with the table's own sampling (the same seed and fraction, chosen per row), so the
 * rows read are those one read of the whole table reads.
 */
import { createHash } from 'node:crypto';
import { ROW_BYTES } from '../byte-ranges.js';

/** One range of a table: `from <= column < to`, either bound absent at the ends. */
export interface TableRange {
  /** `key`: the values of a primary key's (first) column; `ctid`: PostgreSQL row addresses, bounds in blocks. */
  by: 'key' | 'ctid';
  /** The key column (`ctid` for row addresses). */
  column: string;
  /** Lower bound, inclusive, as text; absent for the first range. */
  from?: string;
  /** Upper bound, exclusive, as text; absent for the last range. */
  to?: string;
  index: number;
  count: number;
}

/** Ranges a read of `rows` rows is split into: one (read whole) unless it weighs more than `splitBytes`. */
export function toRangeCount(rows: number, splitBytes: number): number {
  return splitBytes > 0 && rows * ROW_BYTES > splitBytes ? Math.ceil((rows * ROW_BYTES) / splitBytes) : 1;
}

/** Ranges between sorted, distinct bounds: `bounds.length + 1` of them. */
export function toBoundedRanges(by: TableRange['by'], column: string, bounds: readonly string[]): TableRange[] {
  const count = bounds.length + 1;
  return Array.from({ length: count }, (_, index) => ({
    by,
    column,
    ...(index > 0 ? { from: bounds[index - 1]! } : {}),
    ...(index < count - 1 ? { to: bounds[index]! } : {}),
    index,
    count,
  }));
}

/**
 * About `count` ranges of equal width over integers `lo..hi` (BigInt: keys may pass 2^53). The
 * span is first widened to a coarse grid (a power of two, a sixteenth to an eighth of it), so keys
 * added or removed at either end while shards plan one after another seldom move a bound: each
 * shard must plan the same ranges, or the merge refuses its part (another plan).
 */
export function toIntegerBounds(lo: bigint, hi: bigint, count: number): string[] {
  let grid = 1n;
  while (grid * 16n <= hi - lo + 1n) grid *= 2n;
  const floor = (v: bigint) => (v >= 0n ? v / grid : -((-v + grid - 1n) / grid)) * grid;
  const bottom = floor(lo);
  const top = floor(hi) + grid;
  const n = BigInt(count);
  const bounds: string[] = [];
  for (let i = 1n; i < n; i++) {
    const bound = bottom + ((top - bottom) * i) / n;
    if (bound > bottom && String(bound) !== bounds[bounds.length - 1]) bounds.push(String(bound));
  }
  return bounds;
}

/** `count - 1` bounds taken evenly from sorted sample values (a histogram's), fewer when they repeat. */
export function pickBounds(values: readonly string[], count: number): string[] {
  const picked: string[] = [];
  for (let i = 1; i < count; i++) {
    const value = values[Math.round((i * (values.length - 1)) / count)];
    if (value !== undefined && value !== picked[picked.length - 1]) picked.push(value);
  }
  return picked;
}

/** The range's part of a unit id: its place and a digest of its bounds (a key value may be PII). */
export function toTableRangeId(range: TableRange): string {
  const bounds = createHash('sha256')
    .update(JSON.stringify([range.by, range.column, range.from ?? null, range.to ?? null]))
    .digest('hex')
    .slice(0, 16);
  return `#${range.by}=${range.index + 1}/${range.count}@${bounds}`;
}

/** A bound as an SQL literal: a string literal the database casts to the key's type. */
export const toStringLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * The SQL condition a range reads, given how the database quotes identifiers and, for a key, how
 * its bounds are written (by default string literals: the database casts them to the key's type
 * and compares with the key's collation; MySQL writes text and binary keys' bounds as hex).
 */
export function toRangeCondition(
  range: TableRange,
  quote: (identifier: string) => string,
  literal: (value: string) => string = toStringLiteral,
): string {
  const bound = range.by === 'ctid' ? (value: string) => `'(${Number(value)},0)'::tid` : literal;
  const column = range.by === 'ctid' ? 'ctid' : quote(range.column);
  const conditions = [
    ...(range.from === undefined ? [] : [`${column} >= ${bound(range.from)}`]),
    ...(range.to === undefined ? [] : [`${column} < ${bound(range.to)}`]),
  ];
  return conditions.length === 0 ? 'TRUE' : conditions.join(' AND ');
}
