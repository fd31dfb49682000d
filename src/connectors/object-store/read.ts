/**
 * Reads one object of a store (S3, Azure Blob Storage) by its format: lines (logs, JSON lines) as
 * lines, CSV/TSV column by column with the header's names as context, a JSON document by JSON
 * path, Parquet column by column through ranged reads. gzip around the text formats is undone on
 * the fly. A failure (deleted object, denied, corrupt gzip) is the result's error, and what was
 * read before it is kept.
 */
import { toObjectCoverage, type RecordOrigin } from '../records.js';
import { emptyResult, type RecordSink, type SourceResult, type WorkUnit } from '../contract.js';
import { readLineRecords, textStream, type ReadStats } from '../file-reader.js';
import { csvDelimiter, scanCsv } from '../csv.js';
import { isJsonDocument, scanJsonDocument } from './json-document.js';
import { isParquet } from '../parquet/scan.js';
import type { RowSample } from '../parquet/row-ranges.js';
import { describeParquetError } from '../parquet/errors.js';
import type { ByteRange } from '../byte-ranges.js';
import { isSplittableObject, readObjectRange, toBuffers, type OpenObjectRange } from './ranges.js';

/** One object to read: what the units of every store share. */
export interface StoredObjectUnit extends WorkUnit {
  key: string;
  /** The object group it is a site of. */
  group: string;
  /** The object's size in bytes, for ranged reads (Parquet). */
  length: number;
  /** When it was last written (ISO 8601), from the listing. */
  modifiedAt?: string;
  /** The part of a large object this unit reads (object-store/ranges.ts); absent for a whole object. */
  range?: ByteRange;
}

/** How the shared reader reaches one object of a store. */
export interface ObjectAccess {
  /** The container's URI: locations are `${root}/${key}` (`s3://bucket`, `az://account/container`). */
  root: string;
  /** The service of keys at the container's top (the bucket's or container's name). */
  container: string;
  /** The object's bytes as a stream and its content type. */
  open(): Promise<{ body: AsyncIterable<Uint8Array>; contentType: string }>;
  /** The object's bytes [start, end), one ranged request. */
  range(start: number, end: number): Promise<Uint8Array>;
  /** Bytes [start, end) (to the end without `end`) as a stream: a store that has it can split large objects. */
  openRange?: OpenObjectRange;
  /** One line for a failure reading it. */
  describeError(error: unknown): string;
}

function toOrigin(unit: StoredObjectUnit, access: ObjectAccess): RecordOrigin {
  const uri = `${access.root}/${unit.key}`;
  const slash = unit.key.indexOf('/');
  return {
    siteKind: 'object',
    path: uri,
    source: unit.key,
    uri,
    siteUri: `${access.root}/${unit.group}`,
    // The first key segment names the service, or the container for keys at its top.
    defaultService: slash > 0 ? unit.key.slice(0, slash) : access.container,
    target: unit.target,
    ...(unit.modifiedAt ? { modifiedAt: unit.modifiedAt } : {}),
  };
}

/** A Parquet object through ranged reads: the footer, then column chunks, never the whole object. */
async function scanParquetObject(
  origin: RecordOrigin,
  unit: StoredObjectUnit,
  context: { access: ObjectAccess; sink: RecordSink; sample: RowSample; stats: ReadStats; result: SourceResult },
): Promise<void> {
  const { scanParquet } = await import('../parquet/scan.js');
  const { addParquetCoverage } = await import('../parquet/coverage.js');
  const { createRangedBuffer } = await import('../parquet/file-buffer.js');
  const { access, sink, sample, stats, result } = context;
  const file = createRangedBuffer(unit.length, (start, end) => access.range(start, end));
  const read = await scanParquet({ origin, file, sink, sample, stats });
  addParquetCoverage(result, read, { source: unit.target, table: origin.path, sample });
}

async function scanObject(
  unit: StoredObjectUnit,
  context: { access: ObjectAccess; sink: RecordSink; sample: RowSample; stats: ReadStats; result: SourceResult },
): Promise<void> {
  const { access, sink, stats } = context;
  const origin = toOrigin(unit, access);
  if (isParquet(unit.key)) return scanParquetObject(origin, unit, context);
  const { range } = unit;
  if (range !== undefined && access.openRange !== undefined) {
    const open = access.openRange;
    if (await isSplittableObject(unit, open)) {
      for await (const record of readObjectRange(origin, { ...unit, range }, { open, stats })) sink.scan(record);
      return;
    }
    // Read whole by the first range, as a whole read would (gzip, binary, CSV or JSON by content type).
    if (range.index > 0) return;
  }
  const { body, contentType } = await access.open();
  const stream = await textStream(toBuffers(body), stats);
  if (stream === undefined) return;
  const delimiter = csvDelimiter(unit.key, contentType);
  if (delimiter !== undefined) return scanCsv(origin, stream, delimiter, sink, stats);
  if (isJsonDocument(unit.key, contentType)) return scanJsonDocument(origin, stream, sink, stats);
  for await (const record of readLineRecords(origin, stream, stats)) sink.scan(record);
}

/** Reads one object; `sample` is how many rows of a Parquet object to read. */
export async function readStoredObject(
  unit: StoredObjectUnit,
  sink: RecordSink,
  context: { access: ObjectAccess; sample: RowSample },
): Promise<SourceResult> {
  const stats: ReadStats = { bytes: 0, lines: 0, longLines: 0, binary: false };
  const result = emptyResult();
  const coverage = toObjectCoverage(unit.target);
  try {
    await scanObject(unit, { ...context, sink, stats, result });
    if (stats.binary) coverage.skipped['binary'] = 1;
    // An object read in ranges counts once, in its first range.
    else coverage.objectsScanned = (unit.range?.index ?? 0) === 0 ? 1 : 0;
  } catch (e) {
    result.errors.push({ source: unit.source, message: describeParquetError(e) ?? context.access.describeError(e) });
  }
  coverage.bytes = stats.bytes;
  // An object read in ranges was read when its first range was.
  return { ...result, bytes: stats.bytes, lines: stats.lines, objects: [coverage], read: coverage.objectsScanned > 0 };
}
