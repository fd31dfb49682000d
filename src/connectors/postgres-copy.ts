/**
 * Rows of `COPY ... TO STDOUT (FORMAT binary)`: a signature and a header, then per row a 16-bit
 * field count and per field a 32-bit length (-1 for NULL) and the value's bytes, then a count of
 * -1. Each value goes to the sink as a byte range of the buffer it arrived in: nothing to
 * unescape, no string made. A row split between pieces waits until the pieces that complete it
 * are in.
 */
import type { RowSink } from './database.js';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags, header extension length. */
const HEADER = SIGNATURE.length + 8;

const int32 = (src: Buffer, at: number) => (src[at]! << 24) | (src[at + 1]! << 16) | (src[at + 2]! << 8) | src[at + 3]!;

/** What one call of readRows() left: the offset of the first row not read, and how far it reaches at least. */
interface Rest {
  next: number;
  needs: number;
  done: boolean;
}

/** Passes every whole row of `src[at, end)` to the sink. */
function readRows(src: Buffer, at: number, end: number, sink: RowSink): Rest {
  for (;;) {
    if (at + 2 > end) return { next: at, needs: at + 2, done: false };
    const fields = ((src[at]! << 8) | src[at + 1]!) << 16 >> 16;
    if (fields === -1) return { next: end, needs: end, done: true };
    // Is the row whole? Only then do its values go on.
    let q = at + 2;
    for (let f = 0; f < fields; f++) {
      if (q + 4 > end) return { next: at, needs: q + 4, done: false };
      const length = int32(src, q);
      q += 4 + (length > 0 ? length : 0);
    }
    if (q > end) return { next: at, needs: q, done: false };
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
}

/** Binary COPY data fed piece by piece, cut anywhere. */
export interface CopyRows {
  /** Reads the rows that `src[start, end)` completes; keeps a row's unfinished start for the next piece. */
  push(src: Buffer, start: number, end: number): void;
  /** Checks that the data ended with its end mark, not inside a row. */
  end(): void;
}

export function createCopyRows(sink: RowSink): CopyRows {
  // Pieces of a row not yet whole, and how many bytes the row needs at least.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let needs = HEADER;
  let header = true;
  let ended = false;
  const keep = (src: Buffer, start: number, end: number, needed: number) => {
    [pending, pendingBytes, needs] = [start < end ? [src.subarray(start, end)] : [], end - start, needed];
  };
  /** Reads `src[at, end)`, which starts where the last read stopped and holds at least `needs` bytes. */
  const read = (src: Buffer, at: number, end: number) => {
    if (header) {
      if (!src.subarray(at, at + SIGNATURE.length).equals(SIGNATURE)) throw new Error('COPY output is not in the binary format');
      const extension = HEADER + int32(src, at + HEADER - 4);
      if (end - at < extension) return keep(src, at, end, extension);
      header = false;
      at += extension;
    }
    const rest = readRows(src, at, end, sink);
    if (rest.done) ended = true;
    else keep(src, rest.next, end, rest.needs - rest.next);
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
