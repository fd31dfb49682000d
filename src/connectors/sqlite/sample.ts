/**
 * Where a sample of a SQLite table starts: random points of its key range, chosen with the seed,
 * from each of which the reader takes the next rows in key order. Taking rows (not key values)
 * keeps the sample near its size when keys have gaps; points spread over the range reach the
 * newest rows as well as the oldest.
 */
import { createRandom } from '../seeded-random.js';

/** Ranges a sample reads: enough to spread over the table, few enough that each is a run of rows. */
export const RANGES = 32;

/** The sorted, distinct start keys of a sample of a table whose keys lie in `[lo, hi]`. */
export function toRangeStarts({ lo, hi, seed }: { lo: bigint; hi: bigint; seed: number }): bigint[] {
  const random = createRandom(seed);
  const span = hi - lo + 1n;
  const starts = new Set<bigint>();
  for (let i = 0; i < RANGES; i++) {
    // A float's 53 bits place a start to within 2^-53 of the span: more than enough to spread them.
    const offset = BigInt(Math.floor(random() * Number(span)));
    starts.add(lo + (offset < span ? offset : span - 1n));
  }
  return [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Rows each range takes so that the ranges together take about `sampleRows`. */
export function toRangeRows(sampleRows: number): number {
  return Math.max(1, Math.ceil(sampleRows / RANGES));
}
