/**
 * Rows of `COPY ... TO STDOUT (FORMAT binary)`: a signature and a header, then per row a 16-bit
 * field count and per field a 32-bit length (-1 for NULL) and the value's bytes, then a count of
 * -1. Each value goes to the sink as a byte range of the buffer it arrived in: nothing to
 * unescape, no string made. A row split between pieces waits until the pieces that complete it
 * are in.
 *
 * Invariant: every cut of the stream gives the same rows as the whole; test/connectors/postgres/copy.test.ts
 * cuts it at every byte.
 */
import type { RowSink } from '../database/driver.js';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags, header extension length. */
const HEADER = SIGNATURE.length + 8;

const int32 = (src: Buffer, at: number) => (src[at]! << 24) | (src[at + 1]! << 16) | (src[at + 2]! << 8) | src[at + 3]!;

/** Binary COPY data fed piece by piece, cut anywhere. */
export interface CopyRows {
  /** Reads the rows that `src[start, end)` completes; keeps a row's unfinished start for the next piece. */
  push(src: Buffer, start: number, end: number): void;
  /** Checks that the data ended with its end mark, not inside a row. */
  end(): void;
}

export function createCopyRows(sink: RowSink): CopyRows {
  // Pieces of a row not yet whole, and how many bytes the row needs at least. Node-postgres hands
  // over one row a message, so this runs a million times for a million rows: nothing here
  // allocates unless a row is cut between pieces.
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let needs = HEADER;
  let header = true;
  let ended = false;
  /**
   * Passes every whole row of `src[at, end)` to the sink. Returns where the first row not read
   * starts, and sets `needs` to the bytes that row needs at least (`ended` at the end mark).
   */
  const readRows = (src: Buffer, at: number, end: number): number => {
    for (;;) {
      if (at + 2 > end) {
        needs = 2;
        return at;
      }
      const fields = (((src[at]! << 8) | src[at + 1]!) << 16) >> 16;
      if (fields === -1) {
        ended = true;
        return end;
      }
      // Is the row whole? Only then do its values go on.
      let q = at + 2;
      for (let f = 0; f < fields; f++) {
        if (q + 4 > end) {
          needs = q + 4 - at;
          return at;
        }
        const length = int32(src, q);
        q += 4 + (length > 0 ? length : 0);
      }
      if (q > end) {
        needs = q - at;
        return at;
      }
      q = at + 2;
      for (let f = 0; f < fields; f++) {
        const length = int32(src, q);
        q += 4;
        if (length < 0) sink.text(f, null);
        else {
          sink.bytes(f, src, q, q + length);
          q += length;
        }
      }
      sink.endRow();
      at = q;
    }
  };
  /** Keeps `src[start, end)`, the start of a row that needs `needed` bytes at least. */
  const keep = (src: Buffer, start: number, end: number, needed: number) => {
    // (Setting an array's length is not free: only when there is something to drop.)
    if (pending.length !== 0) pending.length = 0;
    if (start < end) pending.push(src.subarray(start, end));
    pendingBytes = end - start;
    needs = needed;
  };
  /** Reads `src[at, end)`, which starts where the last read stopped and holds at least `needs` bytes. */
  const read = (src: Buffer, at: number, end: number) => {
    if (header) {
      if (!src.subarray(at, at + SIGNATURE.length).equals(SIGNATURE))
        throw new Error('COPY output is not in the binary format');
      const extension = HEADER + int32(src, at + HEADER - 4);
      if (end - at < extension) return keep(src, at, end, extension);
      header = false;
      at += extension;
    }
    const next = readRows(src, at, end);
    if (!ended) keep(src, next, end, needs);
  };
  return {
    push(src, start, end) {
      // After the end mark nothing is read (the server sends nothing there).
      if (ended || start === end) return;
      // Usually the piece continues no unfinished row, and its rows are read where they lie.
      if (pendingBytes === 0) return end - start >= needs ? read(src, start, end) : keep(src, start, end, needs);
      pending.push(src.subarray(start, end));
      pendingBytes += end - start;
      if (pendingBytes < needs) return;
      const joined = Buffer.concat(pending, pendingBytes);
      read(joined, 0, joined.length);
    },
    end() {
      if (!ended) throw new Error('COPY output ended in the middle of a row');
    },
  };
}
