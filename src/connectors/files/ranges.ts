/** Large plain-text files as byte ranges (byte-ranges.ts): which files split, and reading one range. */
import { createReadStream } from 'node:fs';
import type { RecordOrigin, ScanRecord } from '../records.js';
import {
  DEFAULT_SPLIT_BYTES,
  isSplittableHead,
  readRangeRecords,
  toByteRanges,
  type ByteRange,
} from '../byte-ranges.js';
import { DEFAULT_LIMITS, readHead, readLineRecords, SNIFF_BYTES, type ReadStats } from '../file-reader.js';
import { textBytes as toTextBytes } from '../file-group.js';
import { csvDelimiter } from '../csv.js';
import { isParquet } from '../parquet/scan.js';

/**
 * The ranges a file is read as: none for a file at or under the split size, and none for what is
 * read whole by format (CSV and TSV by their header, Parquet by its footer, gzip, binary).
 */
export async function toFileRanges(
  origin: RecordOrigin,
  { textBytes, splitBytes = DEFAULT_SPLIT_BYTES }: { textBytes: number; splitBytes?: number | undefined },
): Promise<ByteRange[]> {
  const ranges = toByteRanges(textBytes, splitBytes);
  if (ranges.length === 0) return ranges;
  const name = origin.source;
  if (toTextBytes(name, 1) !== 1 || csvDelimiter(name) !== undefined || isParquet(name)) return [];
  // A file that cannot be opened is read whole, so its error is told once, as for any file.
  const head = await readHead(name, SNIFF_BYTES).catch(() => undefined);
  return head !== undefined && isSplittableHead(head) ? ranges : [];
}

/** A range's lines, numbered as in the whole file. */
export function readFileRange(origin: RecordOrigin, range: ByteRange, stats: ReadStats): AsyncGenerator<ScanRecord> {
  const openRange = (start: number, end?: number) =>
    createReadStream(origin.source, {
      start,
      ...(end === undefined ? {} : { end: end - 1 }),
      highWaterMark: DEFAULT_LIMITS.chunkBytes,
    }) as AsyncIterable<Buffer>;
  return readRangeRecords(openRange, range, (stream) =>
    readLineRecords(origin, stream, stats, { ...DEFAULT_LIMITS, sniff: range.index === 0 }),
  );
}
