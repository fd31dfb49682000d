/**
 * Which rows of a Parquet file are read: every row group when the file holds no more than
 * `--sample-rows` rows (or with `--full`), else whole row groups in an order the seed draws, the
 * last one cut at a drawn offset, until the sample holds about `sampleRows` rows. Reading whole
 * groups keeps the sample cheap: Parquet reads a column chunk of a group at once.
 */
import { createRandom } from '../seeded-random.js';

/** A zero-based, half-open range of rows. */
export interface RowRange {
  rowStart: number;
  rowEnd: number;
}

/** How many rows to read: the database sources' plan, which `--sample-rows`, `--full` and `--seed` set. */
export interface RowSample {
  sampleRows: number;
  full: boolean;
  seed: number;
}

/** The row groups of a file as ranges, from their row counts. */
export function toGroupRanges(counts: readonly number[]): RowRange[] {
  let start = 0;
  return counts.map((rows) => ({ rowStart: start, rowEnd: (start += rows) }));
}

/** The ranges to read, in file order; each lies inside one group. */
export function toRowRanges(groups: readonly RowRange[], sample: RowSample): RowRange[] {
  const total = groups.reduce((n, g) => n + g.rowEnd - g.rowStart, 0);
  if (sample.full || total <= sample.sampleRows) return groups.filter((g) => g.rowEnd > g.rowStart);
  const random = createRandom(sample.seed);
  const order = groups.map((group) => ({ group, draw: random() })).sort((a, b) => a.draw - b.draw);
  const picks: RowRange[] = [];
  let left = sample.sampleRows;
  for (const { group } of order) {
    if (left <= 0) break;
    const rows = group.rowEnd - group.rowStart;
    if (rows === 0) continue;
    if (rows <= left) {
      picks.push(group);
      left -= rows;
      continue;
    }
    const offset = Math.floor(random() * (rows - left + 1));
    picks.push({ rowStart: group.rowStart + offset, rowEnd: group.rowStart + offset + left });
    left = 0;
  }
  return picks.sort((a, b) => a.rowStart - b.rowStart);
}
