/**
 * A line longer than the reader's limit, cut into overlapping pieces so that memory stays bounded
 * whatever the line's length. Each piece reads `overlap` bytes of its neighbours on either side:
 * a match that a cut runs through is whole in the piece where it starts, context words before a
 * match are there too, and each piece reports only what starts in its own part (scan-chunk.ts).
 * Cuts fall on character starts, so every piece decodes as the whole line would.
 */
import type { LinePiece, RecordOrigin, ScanRecord } from './records.js';
import { utf16Length } from './text-units.js';

/** Bytes each piece shares with each neighbour: longer than any match and its context. */
export const PIECE_OVERLAP = 4096;
/** Bytes of a line's start that every piece carries for the line's template. */
const HEAD_BYTES = 4096;

/** The offset at or before `at` where a UTF-8 character starts. */
function characterStart(bytes: Buffer, at: number): number {
  let start = Math.max(0, Math.min(at, bytes.length));
  while (start > 0 && start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start--;
  return start;
}

/** Where pieces go: the record they become, numbered as the line's first piece. */
export interface LongLineOptions {
  origin: RecordOrigin;
  line: number;
  /** Size of the pieces cut before the line ends. */
  pieceBytes: number;
  overlap: number;
}

/**
 * Cuts a long line as its bytes arrive. `cut` takes the bytes held back last time followed by new
 * ones, returns the pieces it could cut and the bytes to hold back; `last` takes the final bytes.
 */
export function createLongLine(start: Buffer, options: LongLineOptions) {
  const head = Buffer.from(start.subarray(0, characterStart(start, HEAD_BYTES)));
  let column = 0;
  let before = 0;
  const record = (data: Buffer, after: number): ScanRecord => {
    const piece: LinePiece = { column, before, after, head };
    return { origin: options.origin, kind: 'lines', data, firstLine: options.line, piece };
  };
  /**
   * Cuts pieces of `pieceBytes` off `rest` (its first `before` bytes owned already) while it holds
   * one; returns what is left, to be held back.
   */
  const cutPieces = (rest: Buffer, pieces: ScanRecord[]): Buffer => {
    while (rest.length >= options.pieceBytes) {
      const end = characterStart(rest, options.pieceBytes);
      const ownEnd = characterStart(rest, end - options.overlap);
      pieces.push(record(rest.subarray(0, end), end - ownEnd));
      const next = characterStart(rest, ownEnd - options.overlap);
      if (next === 0) break;
      column += utf16Length(rest.subarray(0, next));
      before = ownEnd - next;
      rest = rest.subarray(next);
    }
    return rest;
  };
  return {
    cut(data: Buffer): { pieces: ScanRecord[]; rest: Buffer } {
      const pieces: ScanRecord[] = [];
      return { pieces, rest: Buffer.from(cutPieces(data, pieces)) };
    },
    /**
     * Whether cutAcross can take `next` after the bytes held back: it must hold a seam's context
     * and a piece's start.
     */
    canCutAcross(held: Buffer, next: Buffer): boolean {
      return held.length + next.length >= options.pieceBytes && next.length >= 4 * options.overlap;
    },
    /**
     * What cut(held + next) gives, without copying `next` behind the held bytes: a line of many
     * megabytes arrives in read chunks, and copying each behind the last cost as much as reading
     * it. The held bytes and the start of `next` become one seam piece; pieces of `next` from
     * there on are cut from it (views, not copies), and its end is held back.
     */
    cutAcross(held: Buffer, next: Buffer): { pieces: ScanRecord[]; rest: Buffer } {
      const { overlap } = options;
      // `next`'s own part starts a context's length in, so the seam owns up to there.
      const ownStart = characterStart(next, overlap);
      const seamEnd = characterStart(next, ownStart + overlap);
      const pieces = [record(Buffer.concat([held, next.subarray(0, seamEnd)]), seamEnd - ownStart)];
      column += utf16Length(held);
      before = ownStart;
      return { pieces, rest: Buffer.from(cutPieces(next, pieces)) };
    },
    last(data: Buffer): ScanRecord {
      return record(data, 0);
    },
  };
}

export type LongLine = ReturnType<typeof createLongLine>;
