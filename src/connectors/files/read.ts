/**
 * Reads one file: logs and other text as lines; CSV and TSV files (`.csv`, `.tsv`, gzipped or
 * not) column by column, as CSV objects in a bucket are.
 */
import { createReadStream } from 'node:fs';
import type { RecordOrigin } from '../records.js';
import { emptyResult, type OnRead, type RecordSink, type SourceResult, type WorkUnit } from '../contract.js';
import { DEFAULT_LIMITS, readFileRecords, textStream, type ReadStats } from '../file-reader.js';
import { describeFsError } from '../../errors/fs-errors.js';
import { csvDelimiter, scanCsv } from '../csv.js';
import { isParquet } from '../parquet/scan.js';
import type { RowSample } from '../parquet/row-ranges.js';
import { describeParquetError } from '../parquet/errors.js';
import type { ByteRange } from '../byte-ranges.js';
import { readFileRange } from './ranges.js';

/** A file to read. */
export interface FileUnit extends WorkUnit {
  origin: RecordOrigin;
  /** The part of a large file this unit reads (byte-ranges.ts); absent for a whole file. */
  range?: ByteRange;
}

/** Reads one file; `sample` is how many rows of a Parquet file to read. */
export async function readFile(
  unit: FileUnit,
  sink: RecordSink,
  sample: RowSample,
  onRead?: OnRead,
): Promise<SourceResult> {
  const { origin } = unit;
  const stats: ReadStats = { bytes: 0, lines: 0, longLines: 0, binary: false };
  const result = emptyResult();
  try {
    const delimiter = csvDelimiter(origin.source);
    if (unit.range !== undefined) {
      for await (const record of readFileRange(origin, unit.range, stats)) {
        const kept = sink.scan(record);
        onRead?.(record.data.length, kept);
      }
    } else if (isParquet(origin.source)) {
      const { readParquetFile } = await import('../parquet/file.js');
      await readParquetFile(origin, sink, { sample, stats, result });
      onRead?.(stats.bytes, 0);
    } else if (delimiter !== undefined) await readCsvFile(origin, delimiter, sink, stats, onRead);
    else {
      for await (const record of readFileRecords(origin, stats)) {
        const kept = sink.scan(record);
        onRead?.(record.data.length, kept);
      }
    }
  } catch (error) {
    result.errors.push({ source: origin.path, message: describeParquetError(error) ?? describeFsError(error) });
  }
  Object.assign(result, { bytes: stats.bytes, lines: stats.lines, longLines: stats.longLines });
  if (stats.binary) result.opaque = [{ path: origin.path, file: origin.source }];
  // A file read in ranges counts once, in its first range.
  else result.files = (unit.range?.index ?? 0) === 0 ? 1 : 0;
  // A file read in ranges was read when its first range was.
  result.read = result.files > 0;
  return result;
}

/** A CSV or TSV file column by column; progress is told per piece read, with the matches kept since the last. */
async function readCsvFile(
  origin: RecordOrigin,
  delimiter: string,
  sink: RecordSink,
  stats: ReadStats,
  onRead?: OnRead,
): Promise<void> {
  const stream = await textStream(createReadStream(origin.source, { highWaterMark: DEFAULT_LIMITS.chunkBytes }), stats);
  if (stream === undefined) return;
  let matches = 0;
  const counting: RecordSink = {
    ...sink,
    scan(record) {
      const kept = sink.scan(record);
      matches += kept;
      return kept;
    },
  };
  async function* told(text: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const piece of text) {
      yield piece;
      onRead?.(piece.length, matches);
      matches = 0;
    }
  }
  await scanCsv(origin, told(stream), delimiter, counting, stats);
  onRead?.(0, matches);
}
