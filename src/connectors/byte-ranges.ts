/**
 * A large text file or object read as several units, each a byte range that owns the lines
 * starting in it: a range reader starts at its offset, skips to the first line start (unless it is
 * at offset 0 or just after a newline), and reads past its end to finish the last line it started.
 * The lines every range reads, together, are the whole text once, in order, with their true line
 * numbers (counted from the newlines before the range): a split read finds what a whole read finds.
 */
import { countLines } from './text-units.js';
import { SNIFF_BYTES } from './file-reader.js';
import type { ScanRecord } from './records.js';

const NEWLINE = 0x0a;

/** Text size above which a unit is split into ranges of about this size (`--split-size`). */
export const DEFAULT_SPLIT_BYTES = 256 * 1024 * 1024;

/**
 * Bytes of text one row of a table is taken to cost, to weigh tables against files and objects on
 * one scale (a row's columns are short values, a log line is longer): for shards and for splitting.
 */
export const ROW_BYTES = 100;

/** Bytes [start, end) of a file or object, the `index`-th of `count` ranges. */
export interface ByteRange {
  start: number;
  end: number;
  index: number;
  count: number;
}

/**
 * The ranges a text of `size` bytes is read as: none (read it whole) unless it is larger than
 * `splitBytes`. Decided from the size alone, so every shard plans the same ranges.
 */
export function toByteRanges(size: number, splitBytes: number): ByteRange[] {
  if (!(splitBytes > 0) || size <= splitBytes) return [];
  const count = Math.ceil(size / splitBytes);
  const step = Math.ceil(size / count);
  return Array.from({ length: count }, (_, index) => ({
    start: index * step,
    end: Math.min(size, (index + 1) * step),
    index,
    count,
  }));
}

/** A unit id's suffix naming its range. */
export function toRangeId(range: ByteRange): string {
  return `#bytes=${range.start}-${range.end}`;
}

/**
 * Whether text starting with `head` can be read from byte ranges: not gzip (a range of it cannot
 * be inflated alone) and no NUL in the bytes a whole read sniffs (it would be skipped as binary).
 */
export function isSplittableHead(head: Buffer): boolean {
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  return !gzip && !head.subarray(0, SNIFF_BYTES).includes(0);
}

/** Opens bytes [start, end) of the text (to its end when `end` is undefined). */
export type OpenRange = (start: number, end?: number) => AsyncIterable<Buffer>;

/** Newlines in bytes [0, end), and whether byte end-1 is one: a count-only pass, nothing kept. */
async function countBefore(open: OpenRange, end: number): Promise<{ newlines: number; atLineStart: boolean }> {
  let newlines = 0;
  let last = NEWLINE;
  for await (const piece of open(0, end)) {
    newlines += countLines(piece, 0, piece.length);
    if (piece.length > 0) last = piece[piece.length - 1]!;
  }
  return { newlines, atLineStart: last === NEWLINE };
}

/** The lines a range owns, as bytes from the first line start in it to the end of the last line started in it. */
async function* ownedBytes(open: OpenRange, range: ByteRange, atLineStart: boolean): AsyncGenerator<Buffer> {
  let position = range.start;
  let skipping = !atLineStart;
  for await (let piece of open(range.start)) {
    if (skipping) {
      const newline = piece.indexOf(NEWLINE);
      if (newline === -1) {
        position += piece.length;
        continue;
      }
      skipping = false;
      position += newline + 1;
      piece = piece.subarray(newline + 1);
    }
    // The line holding byte end-1 is the last this range starts; it ends at the first newline from there.
    if (position >= range.end) return;
    if (piece.length === 0) continue;
    const from = Math.max(0, range.end - 1 - position);
    const newline = piece.indexOf(NEWLINE, from);
    if (newline !== -1) {
      yield piece.subarray(0, newline + 1);
      return;
    }
    position += piece.length;
    yield piece;
  }
}

/**
 * Reads a range's lines through `readLines` (a whole read's line reader) with the line numbers a
 * whole read gives them.
 */
export async function* readRangeRecords(
  open: OpenRange,
  range: ByteRange,
  readLines: (stream: AsyncIterable<Buffer>) => AsyncIterable<ScanRecord>,
): AsyncGenerator<ScanRecord> {
  const before = range.start === 0 ? { newlines: 0, atLineStart: true } : await countBefore(open, range.start);
  const skipped = before.atLineStart ? 0 : 1;
  for await (const record of readLines(ownedBytes(open, range, before.atLineStart))) {
    if (record.kind === 'lines') record.firstLine += before.newlines + skipped;
    yield record;
  }
}
