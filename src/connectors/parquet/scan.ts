/**
 * A Parquet file (or object) read column by column, as CSV columns are: each top-level column is
 * a site (`#name` after the file or object group), its name the context of its values; a nested
 * column's leaves are read under their JSON paths. The footer is read first, then each row range
 * (sampled when the file holds more rows than `--sample-rows`) one column chunk at a time through
 * ranged reads, so memory holds one decoded column of one row group, never the file.
 */
import type { AsyncBuffer, FileMetaData, SchemaTree } from 'hyparquet';
import type { RecordOrigin } from '../records.js';
import type { RecordSink } from '../contract.js';
import type { ReadStats } from '../file-reader.js';
import { createColumnBatches, isBatchEnd, type ColumnBatches } from '../column-batches.js';
import { toColumnOrigin } from '../csv.js';
import { forEachLeaf } from './leaves.js';
import { toGroupRanges, toRowRanges, type RowRange, type RowSample } from './row-ranges.js';

export type { AsyncBuffer };

/** What was read of a Parquet file: its rows, those read, and whether that was a sample. */
export interface ParquetRead {
  rowsTotal: number;
  rowsRead: number;
  sampled: boolean;
  /** Top-level columns not read because of their type. */
  skippedColumns: number;
}

/** Physical and logical types whose values are never PII text (flags, measures, instants, ids). */
const SKIPPED_TYPES = new Set(['BOOLEAN', 'FLOAT', 'DOUBLE', 'INT96']);
const SKIPPED_LOGICAL = new Set(['DATE', 'TIME', 'TIMESTAMP', 'UUID', 'FLOAT16', 'DECIMAL', 'INTERVAL']);

/** Whether a top-level column may hold PII text: a primitive of a skipped type does not. */
function isScanned(column: SchemaTree): boolean {
  const { type, converted_type: converted, logical_type: logical } = column.element;
  if (column.children.length > 0) return true;
  if (type !== undefined && SKIPPED_TYPES.has(type)) return false;
  if (logical !== undefined && SKIPPED_LOGICAL.has(logical.type)) return false;
  return !/^(?:DATE|TIME_|TIMESTAMP_|DECIMAL|INTERVAL)/.test(converted ?? '');
}

/** Batches of the leaves of one file's columns, a batch per (column, JSON path) in the order first met. */
function createLeafBatches(origin: RecordOrigin, sink: RecordSink) {
  const columns: Array<{ origin: RecordOrigin; name: string }> = [];
  const byColumn = new Map<string, Map<string, number>>();
  const batches: ColumnBatches = createColumnBatches(columns, sink);
  return {
    batches,
    /** The batch of a column's leaf at `jsonPath` ('' for the column's own values), named `key`. */
    indexOf(column: string, jsonPath: string, key: string): number {
      let paths = byColumn.get(column);
      if (paths === undefined) byColumn.set(column, (paths = new Map<string, number>()));
      let index = paths.get(jsonPath);
      if (index === undefined) {
        const at = toColumnOrigin(origin, column);
        paths.set(jsonPath, (index = columns.length));
        columns.push({ origin: jsonPath === '' ? at : { ...at, jsonPath }, name: key });
      }
      return index;
    },
  };
}

interface ReadOptions {
  origin: RecordOrigin;
  file: AsyncBuffer;
  sink: RecordSink;
  sample: RowSample;
  stats: ReadStats;
}

/** Reads one column of one row range into the batches, handing them over every batch of rows. */
async function readColumnRange(
  scan: { readColumn(o: { column: string } & RowRange): Promise<ArrayLike<unknown>> },
  column: string,
  range: RowRange,
  leaves: ReturnType<typeof createLeafBatches>,
  options: ReadOptions,
): Promise<void> {
  const values = await scan.readColumn({ column, ...range });
  const { batches } = leaves;
  const own = leaves.indexOf(column, '', column);
  let row = 0;
  const onLeaf = (jsonPath: string, key: string, text: string) =>
    batches.add(leaves.indexOf(column, jsonPath, key), text, row);
  for (let i = 0; i < values.length; i++) {
    row = range.rowStart + i + 1;
    const value = values[i];
    // A string is the common case: straight into the column's batch.
    if (typeof value === 'string') {
      if (value !== '') batches.add(own, value, row);
    } else forEachLeaf(value, column, onLeaf);
    if (isBatchEnd(i + 1)) {
      options.stats.bytes += leaves.batches.flush();
      await options.sink.wait();
    }
  }
  options.stats.bytes += leaves.batches.flush();
  await options.sink.wait();
}

/** Reads a Parquet file's scanned columns, range by range; throws what hyparquet or the reads throw. */
export async function scanParquet(options: ReadOptions): Promise<ParquetRead> {
  const { parquetMetadataAsync, parquetScan, parquetSchema } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const { file } = options;
  const metadata: FileMetaData = await parquetMetadataAsync(file);
  const top = parquetSchema(metadata).children;
  const columns = top.filter(isScanned).map((c) => c.element.name);
  const groups = toGroupRanges(metadata.row_groups.map((g) => Number(g.num_rows)));
  const ranges = toRowRanges(groups, options.sample);
  const leaves = createLeafBatches(options.origin, options.sink);
  const read: ParquetRead = {
    rowsTotal: Number(metadata.num_rows),
    rowsRead: 0,
    sampled: false,
    skippedColumns: top.length - columns.length,
  };
  for (const range of ranges) {
    // A scan per range: hyparquet keeps each column's last chunk, and this lets the range's go.
    const scan = await parquetScan({ file, metadata, compressors, columns });
    for (const column of columns) await readColumnRange(scan, column, range, leaves, options);
    read.rowsRead += range.rowEnd - range.rowStart;
    options.stats.lines = range.rowEnd;
  }
  read.sampled = read.rowsRead < read.rowsTotal;
  return read;
}

/** A Parquet file or object, by its name. */
export function isParquet(name: string): boolean {
  return /\.parquet$/i.test(name);
}
