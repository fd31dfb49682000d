/**
 * What reading a Parquet file or object adds to a result: its rows (the findings' `rowsScanned`)
 * and a table's coverage, so a sampled file is reported, with its seed, as a sampled table is.
 */
import type { SourceResult } from '../contract.js';
import type { ParquetRead } from './scan.js';
import type { RowSample } from './row-ranges.js';

/** Adds a Parquet read to `result`: `source` is the target, `table` the file or object as shown. */
export function addParquetCoverage(
  result: SourceResult,
  read: ParquetRead,
  where: { source: string; table: string; sample: RowSample },
): void {
  const { sample } = where;
  result.rows = read.rowsRead;
  result.tables.push({
    source: where.source,
    table: where.table,
    rowsEstimated: read.rowsTotal,
    rowsScanned: read.rowsRead,
    sampled: read.sampled,
    method: read.sampled ? `row groups drawn by seed (about ${sample.sampleRows} rows)` : 'full',
    seed: read.sampled ? sample.seed : 0,
    skippedColumns: read.skippedColumns,
    skippedValues: 0,
  });
}
