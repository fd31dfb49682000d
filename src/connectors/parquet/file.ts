/** A Parquet file met in a folder walk or named as a target, read through a file handle. */
import type { RecordOrigin } from '../records.js';
import type { RecordSink, SourceResult } from '../contract.js';
import type { ReadStats } from '../file-reader.js';
import { addParquetCoverage } from './coverage.js';
import { openFileBuffer } from './file-buffer.js';
import type { RowSample } from './row-ranges.js';
import { scanParquet } from './scan.js';

/** Reads the file of `origin` into the sink and its coverage into `result`; throws what the read throws. */
export async function readParquetFile(
  origin: RecordOrigin,
  sink: RecordSink,
  context: { sample: RowSample; stats: ReadStats; result: SourceResult },
): Promise<void> {
  const file = await openFileBuffer(origin.source);
  try {
    const read = await scanParquet({ origin, file, sink, sample: context.sample, stats: context.stats });
    addParquetCoverage(context.result, read, { source: origin.target, table: origin.path, sample: context.sample });
  } finally {
    await file.close();
  }
}
