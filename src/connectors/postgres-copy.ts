/**
 * Rows of `COPY ... TO STDOUT (FORMAT binary)`: a signature and a header, then per row a 16-bit
 * field count and per field a 32-bit length (-1 for NULL) and the value's bytes, then a count of
 * -1. Each value goes to the sink as a byte range of the chunk it arrived in: nothing to unescape,
 * no string made. A row split between chunks waits until the chunks that complete it are in.
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

/** Passes every whole row of `src` from `at` to the sink. */
function readRows(src: Buffer, at: number, sink: RowSink): Rest {
  const end = src.length;
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

/** Reads binary COPY output into `sink`, whatever the chunk boundaries. */
export async function readCopyBinary(chunks: AsyncIterable<Buffer>, sink: RowSink): Promise<void> {
  // Chunks of a row not yet whole, and how many bytes the row needs at least.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let needs = HEADER;
  let header = true;
  let ended = false;
  for await (const chunk of chunks) {
    // After the end mark the stream is drained, not left, so the connection finishes its COPY.
    if (ended) continue;
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < needs) continue;
    const src = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    let at = 0;
    if (header) {
      if (!src.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('COPY output is not in the binary format');
      const extension = HEADER + int32(src, HEADER - 4);
      if (src.length < extension) {
        [pending, pendingBytes, needs] = [[src], src.length, extension];
        continue;
      }
      header = false;
      at = extension;
    }
    const rest = readRows(src, at, sink);
    if (rest.done) {
      ended = true;
      continue;
    }
    const left = src.subarray(rest.next);
    [pending, pendingBytes, needs] = [left.length > 0 ? [left] : [], left.length, rest.needs - rest.next];
    const waiting = sink.wait();
    if (waiting !== undefined) await waiting;
  }
  if (!ended) throw new Error('COPY output ended in the middle of a row');
}
