/**
 * Large objects of a store as byte ranges (byte-ranges.ts), read with ranged requests. Which
 * objects split is decided from the listing alone (size and key), so every shard plans the same
 * ranges; what only the object's first bytes tell (gzip, binary, a CSV or JSON content type) is
 * checked by every range when read: then the first range reads the object whole and the others
 * read nothing, which is what a whole read finds.
 */
import type { SourceResult } from '../contract.js';
import { readRangeRecords, isSplittableHead, toByteRanges, toRangeId, DEFAULT_SPLIT_BYTES } from '../byte-ranges.js';
import { DEFAULT_LIMITS, readLineRecords, SNIFF_BYTES, type ReadStats } from '../file-reader.js';
import type { RecordOrigin, ScanRecord } from '../records.js';
import { textBytes } from '../file-group.js';
import { csvDelimiter } from '../csv.js';
import { isJsonDocument } from './json-document.js';
import { isParquet } from '../parquet/scan.js';
import type { StoredObjectUnit } from './read.js';

/** Bytes [start, end) of an object (to its end without `end`), as a stream, with its content type. */
export type OpenObjectRange = (
  start: number,
  end?: number,
) => Promise<{ body: AsyncIterable<Uint8Array>; contentType: string }>;

function isSplittableKey(key: string, contentType = ''): boolean {
  return (
    textBytes(key, 1) === 1 &&
    csvDelimiter(key, contentType) === undefined &&
    !isJsonDocument(key, contentType) &&
    !isParquet(key)
  );
}

/** A store's planned units, each large object yielded as its ranges; planning's result passed on. */
export async function* splitObjects<U extends StoredObjectUnit>(
  units: AsyncGenerator<U, SourceResult>,
  splitBytes = DEFAULT_SPLIT_BYTES,
): AsyncGenerator<U, SourceResult> {
  for (let next = await units.next(); ; next = await units.next()) {
    if (next.done) return next.value;
    const unit = next.value;
    const ranges = isSplittableKey(unit.key) ? toByteRanges(unit.length, splitBytes) : [];
    if (ranges.length === 0) yield unit;
    for (const range of ranges)
      yield { ...unit, id: unit.id + toRangeId(range), size: { bytes: range.end - range.start }, range };
  }
}

/** A store's body as Buffers, without copying. */
export async function* toBuffers(body: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const piece of body)
    yield Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
}

/** Whether an object planned as ranges reads as lines from them: its head and content type say. */
export async function isSplittableObject(unit: StoredObjectUnit, open: OpenObjectRange): Promise<boolean> {
  const { body, contentType } = await open(0, Math.min(SNIFF_BYTES, unit.length));
  const pieces: Buffer[] = [];
  for await (const piece of toBuffers(body)) pieces.push(piece);
  return isSplittableKey(unit.key, contentType) && isSplittableHead(Buffer.concat(pieces));
}

/** A range's lines through ranged requests, numbered as in the whole object. */
export function readObjectRange(
  origin: RecordOrigin,
  unit: StoredObjectUnit & { range: NonNullable<StoredObjectUnit['range']> },
  context: { open: OpenObjectRange; stats: ReadStats },
): AsyncGenerator<ScanRecord> {
  async function* openRange(start: number, end?: number): AsyncGenerator<Buffer> {
    if (end !== undefined && end <= start) return;
    yield* toBuffers((await context.open(start, end)).body);
  }
  return readRangeRecords(openRange, unit.range, (stream) =>
    readLineRecords(origin, stream, context.stats, { ...DEFAULT_LIMITS, sniff: unit.range.index === 0 }),
  );
}
