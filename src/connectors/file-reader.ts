/**
 * Streams one file as records of whole lines, decompressing gzip on the fly. Memory stays bounded
 * by the chunk size plus the line limit: a line longer than the limit is scanned in pieces.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { RecordOrigin, ScanRecord } from './records.js';
import { countAllLines } from './text-units.js';
import { createLongLine, PIECE_OVERLAP, type LongLine } from './line-pieces.js';

const NEWLINE = 0x0a;

export interface ReadLimits {
  /** Bytes read at a time. */
  chunkBytes: number;
  /** Longest line kept whole; longer lines are scanned in pieces of this size. */
  maxLineBytes: number;
  /** False when the stream's start is not the text's (a byte range): the text was checked for a NUL whole. */
  sniff?: boolean;
}

/** Counters a read fills in as it goes, so they are right even when it fails midway. */
export interface ReadStats {
  bytes: number;
  lines: number;
  longLines: number;
  /** Set when the file's first bytes hold a NUL: it was not scanned. */
  binary: boolean;
}

export const DEFAULT_LIMITS: ReadLimits = { chunkBytes: 1 << 20, maxLineBytes: 1 << 20 };

/** A stream's first bytes (at least `bytes` of them unless it is shorter), and the whole stream again. */
export async function peek(
  source: AsyncIterable<Buffer>,
  bytes: number,
): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const pieces: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    pieces.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(pieces);
  async function* stream(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  return { head, stream: stream() };
}

/** The bytes of a stream, gunzipped on the fly when they start with gzip's magic bytes. */
export async function* decompressed(
  source: AsyncIterable<Buffer>,
  chunkBytes = DEFAULT_LIMITS.chunkBytes,
): AsyncGenerator<Buffer> {
  const { head, stream } = await peek(source, 2);
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* stream;
    return;
  }
  const input = Readable.from(stream, { objectMode: false });
  const gunzip = createGunzip({ chunkSize: chunkBytes });
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    yield* gunzip as AsyncIterable<Buffer>;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

/**
 * The size of a long line's pieces: each is decoded to a string, and V8 keeps strings under its
 * large-object size (128 KiB) in the young generation, whose memory is reused; a string of a
 * megabyte went to memory mapped afresh each time, which cost more than scanning it.
 */
const LONG_LINE_PIECE = 96 << 10;

/** Bytes of a stream's (decompressed) start that are checked for a NUL: one there makes it binary. */
export const SNIFF_BYTES = 8000;

/** The first `bytes` bytes of a file (fewer when it is shorter): never more is read. */
export async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(head, 0, bytes, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A stream's bytes, gunzipped when they are gzip, once its first bytes are known to hold no NUL;
 * undefined (and `stats.binary` set, the stream closed) when they hold one.
 */
export async function textStream(
  source: AsyncIterable<Buffer>,
  stats: ReadStats,
  chunkBytes = DEFAULT_LIMITS.chunkBytes,
): Promise<AsyncIterable<Buffer> | undefined> {
  const { head, stream } = await peek(decompressed(source, chunkBytes), SNIFF_BYTES);
  if (!head.subarray(0, SNIFF_BYTES).includes(0)) return stream;
  stats.binary = true;
  await (stream as AsyncGenerator<Buffer>).return?.(undefined);
  return undefined;
}

export function readFileRecords(
  origin: RecordOrigin,
  stats: ReadStats,
  limits: ReadLimits = DEFAULT_LIMITS,
): AsyncGenerator<ScanRecord> {
  return readLineRecords(
    origin,
    decompressed(createReadStream(origin.source, { highWaterMark: limits.chunkBytes }), limits.chunkBytes),
    stats,
    limits,
  );
}

/**
 * Whole lines of a (decompressed) stream as records; stops at once, marking it binary, when its
 * first bytes hold a NUL. A line longer than the limit goes out in overlapping pieces
 * (line-pieces.ts).
 */
export async function* readLineRecords(
  origin: RecordOrigin,
  stream: AsyncIterable<Buffer>,
  stats: ReadStats,
  limits: ReadLimits = DEFAULT_LIMITS,
): AsyncGenerator<ScanRecord> {
  const overlap = Math.min(PIECE_OVERLAP, limits.maxLineBytes >> 3);
  let carry: Buffer | undefined;
  let firstLine = 1;
  let first = true;
  let long: LongLine | undefined;
  const emit = (data: Buffer): ScanRecord => {
    const record: ScanRecord = { origin, kind: 'lines', data, firstLine };
    const newlines = countAllLines(data);
    stats.lines += newlines;
    firstLine += newlines;
    return record;
  };
  const endLong = (record: ScanRecord): ScanRecord => {
    long = undefined;
    stats.lines++;
    firstLine++;
    return record;
  };
  try {
    for await (const piece of stream) {
      stats.bytes += piece.length;
      let data = piece;
      if (long && carry && long.canCutAcross(carry, piece) && !piece.includes(NEWLINE)) {
        const cut = long.cutAcross(carry, piece);
        yield* cut.pieces;
        carry = cut.rest;
        continue;
      }
      if (carry) {
        // Where the line carried over ends in this piece, that line alone is copied and scanned as
        // a record of its own: copying the whole piece after it cost a copy of every byte read.
        const newline = long ? -1 : piece.indexOf(NEWLINE);
        if (newline === -1) data = Buffer.concat([carry, piece]);
        else {
          yield emit(Buffer.concat([carry, piece.subarray(0, newline + 1)]));
          data = piece.subarray(newline + 1);
        }
      }
      carry = undefined;
      if (first) {
        first = false;
        if (limits.sniff !== false && data.subarray(0, SNIFF_BYTES).includes(0)) {
          stats.binary = true;
          return;
        }
      }
      if (long) {
        const newline = data.indexOf(NEWLINE);
        if (newline === -1) {
          const { pieces, rest } = long.cut(data);
          yield* pieces;
          carry = rest;
          continue;
        }
        yield endLong(long.last(withoutCarriageReturn(data.subarray(0, newline))));
        data = data.subarray(newline + 1);
      }
      const lastNewline = data.lastIndexOf(NEWLINE);
      if (lastNewline !== -1) yield emit(data.subarray(0, lastNewline + 1));
      const rest = data.subarray(lastNewline + 1);
      if (rest.length >= limits.maxLineBytes) {
        stats.longLines++;
        long = createLongLine(rest, {
          origin,
          line: firstLine,
          pieceBytes: Math.min(limits.maxLineBytes, LONG_LINE_PIECE),
          overlap,
        });
        const cut = long.cut(rest);
        yield* cut.pieces;
        carry = cut.rest;
      } else if (rest.length > 0) {
        carry = Buffer.from(rest);
      }
    }
    if (long) yield endLong(long.last(carry ?? Buffer.alloc(0)));
    else if (carry) {
      yield emit(carry);
      stats.lines++;
    }
  } finally {
    await (stream as AsyncGenerator<Buffer>).return?.(undefined);
  }
}

function withoutCarriageReturn(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, -1) : line;
}
