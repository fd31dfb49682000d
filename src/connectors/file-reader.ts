/**
 * Streams one file as records of whole lines, decompressing gzip on the fly. Memory stays bounded
 * by the chunk size plus the line limit: a line longer than the limit is scanned in pieces.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { RecordOrigin, ScanRecord } from '../types.js';
import { countLines } from '../engine/scan-chunk.js';

const NEWLINE = 0x0a;

export interface ReadLimits {
  /** Bytes read at a time. */
  chunkBytes: number;
  /** Longest line kept whole; longer lines are scanned in pieces of this size. */
  maxLineBytes: number;
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

async function isGzip(filePath: string): Promise<boolean> {
  const handle = await open(filePath, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export async function* readFileRecords(origin: RecordOrigin, stats: ReadStats, limits: ReadLimits = DEFAULT_LIMITS): AsyncGenerator<ScanRecord> {
  // Open errors (permission denied) surface here, before any stream exists to emit them unheard.
  const gzip = await isGzip(origin.source);
  const raw = createReadStream(origin.source, { highWaterMark: limits.chunkBytes });
  const stream = gzip ? raw.pipe(createGunzip({ chunkSize: limits.chunkBytes })) : raw;
  if (gzip) raw.on('error', (error) => stream.destroy(error));
  let carry: Buffer | undefined;
  let firstLine = 1;
  let first = true;
  let inLongLine = false;
  const emit = (data: Buffer): ScanRecord => {
    const record: ScanRecord = { origin, kind: 'lines', data, firstLine };
    const newlines = countLines(data, 0, data.length);
    stats.lines += newlines;
    firstLine += newlines;
    return record;
  };
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      stats.bytes += piece.length;
      const data = carry ? Buffer.concat([carry, piece]) : piece;
      carry = undefined;
      if (first) {
        first = false;
        if (data.subarray(0, 8000).includes(0)) {
          stats.binary = true;
          return;
        }
      }
      const lastNewline = data.lastIndexOf(NEWLINE);
      if (lastNewline !== -1) {
        inLongLine = false;
        yield emit(data.subarray(0, lastNewline + 1));
      }
      const rest = data.subarray(lastNewline + 1);
      if (rest.length >= limits.maxLineBytes) {
        if (!inLongLine) stats.longLines++;
        inLongLine = true;
        yield emit(rest);
      } else if (rest.length > 0) {
        carry = Buffer.from(rest);
      }
    }
    if (carry) yield emit(carry);
    if (carry || inLongLine) stats.lines++;
  } finally {
    stream.destroy();
    raw.destroy();
  }
}
