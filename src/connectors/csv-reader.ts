/**
 * Records of a CSV or TSV stream (RFC 4180: quoted fields may hold delimiters, doubled quotes and
 * line ends), read as bytes. Each field goes to the sink as a byte range of the piece it arrived
 * in, as PostgreSQL's binary COPY does: no string is made for a value, so a column's values go
 * straight into a column batch. Only a field that needs unquoting (a doubled quote inside it) is
 * copied first. A record cut between pieces waits until the pieces that complete it are in, so a
 * character split between two pieces stays whole; a UTF-8 BOM is dropped.
 *
 * Memory stays bounded: a record still open after MAX_CSV_RECORD bytes (an unclosed quote) fails
 * the read instead of growing without end.
 *
 * Line ends are settled by the first one in the data: `\n` (a `\r` before it is dropped) or a lone
 * `\r`. Blank lines are skipped and not counted as records. A quote that closes before the field
 * ends (`"ab"c`) keeps what follows it (`abc`).
 */
import { CSV_RECORD_TOO_LONG } from '../errors/fs-errors.js';
import { hasByte, ONES } from './byte-words.js';

/** The longest record kept whole; a longer one fails its object or file. */
export const MAX_CSV_RECORD = 1 << 20;

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/** Where a CSV reader puts what it reads. */
export interface CsvSink {
  /** The first record that is not blank, its fields decoded. */
  header(names: string[]): void;
  /**
   * A non-empty field of a record after the header, as UTF-8 bytes `src[start, end)` that are only
   * valid during the call. `record` counts from 1, the header being 1.
   */
  field(column: number, src: Buffer, start: number, end: number, record: number): void;
  /** After the fields of a record (not the header). */
  endRecord(record: number): void;
}

/** CSV data fed piece by piece, cut anywhere. */
export interface CsvParser {
  /** Reads the records the piece completes; keeps an unfinished record for the next piece. */
  push(piece: Buffer): void;
  /** Reads what is left as the last record. */
  end(): void;
}

/**
 * The closing quote of a quoted field whose text starts at `from`: the first quote that is not
 * doubled, or -1 when the data ends first. (A quote that ends the data closes the field here; the
 * record then waits for its line end anyway, so a next piece that doubles the quote re-reads it.)
 */
function closingQuote(data: Buffer, from: number, end: number): number {
  for (let q = data.indexOf(QUOTE, from); q !== -1 && q < end; q = data.indexOf(QUOTE, q + 2)) {
    if (q + 1 === end || data[q + 1] !== QUOTE) return q;
  }
  return -1;
}

export function createCsvParser(delimiter: string, sink: CsvSink): CsvParser {
  const DELIMITER = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || DELIMITER > 0x7f)
    throw new Error(`CSV delimiter must be one ASCII character, not ${JSON.stringify(delimiter)}`);
  const delimiterWord = DELIMITER * ONES;
  // Where each field of the record being read starts and ends in the data (raw, quotes included).
  let starts = new Int32Array(64);
  let ends = new Int32Array(64);
  // Unquoted values of the fields that need it, and the header's fields.
  let scratch = Buffer.allocUnsafe(1024);
  let pending: Buffer | undefined;
  let started = false;
  /** The byte that ends a record, once the first line end is seen. */
  let lineEnd = -1;
  let record = 0;
  let header = true;

  /** Settles the line end from the first `\r` or `\n` in `data[at, end)`; false while that cannot be told yet. */
  const settleLineEnd = (data: Buffer, at: number, end: number, final: boolean): boolean => {
    for (let i = at; i < end; i++) {
      const b = data[i]!;
      if (b === NEWLINE) return ((lineEnd = NEWLINE), true);
      if (b !== RETURN) continue;
      if (i + 1 === end && !final) return false;
      return ((lineEnd = data[i + 1] === NEWLINE ? NEWLINE : RETURN), true);
    }
    if (final) lineEnd = NEWLINE;
    return final;
  };

  /**
   * The value of the quoted raw field `data[start, end)` in `scratch`: doubled quotes made single,
   * up to the closing quote, then the rest as it is. Returns its length.
   */
  const unquote = (data: Buffer, start: number, end: number): number => {
    if (scratch.length < end - start) scratch = Buffer.allocUnsafe(2 * (end - start));
    let n = 0;
    let i = start + 1;
    for (; i < end; i++) {
      if (data[i] !== QUOTE) scratch[n++] = data[i]!;
      else if (i + 1 < end && data[i + 1] === QUOTE) scratch[n++] = data[++i]!;
      else break;
    }
    for (i++; i < end; i++) scratch[n++] = data[i]!;
    return n;
  };

  /** The header's names, decoded. */
  const nameOf = (data: Buffer, start: number, end: number): string =>
    data[start] === QUOTE ? scratch.toString('utf8', 0, unquote(data, start, end)) : data.toString('utf8', start, end);

  /** Hands over the `fields` fields of a whole record. */
  const emit = (data: Buffer, fields: number) => {
    // A blank line (or a lone `""`) is no record.
    if (
      fields === 1 &&
      (ends[0]! === starts[0]! ||
        (ends[0]! - starts[0]! === 2 && data[starts[0]!] === QUOTE && data[starts[0]! + 1] === QUOTE))
    )
      return;
    record++;
    if (header) {
      header = false;
      const names: string[] = [];
      for (let k = 0; k < fields; k++) names.push(nameOf(data, starts[k]!, ends[k]!));
      sink.header(names);
      return;
    }
    for (let k = 0; k < fields; k++) {
      const start = starts[k]!;
      const end = ends[k]!;
      if (start === end) continue;
      if (data[start] !== QUOTE) sink.field(k, data, start, end, record);
      // Quoted, closing right at the end with no quote inside: the bytes between the quotes.
      else if (end - start >= 2 && data.indexOf(QUOTE, start + 1) === end - 1) {
        if (end - start > 2) sink.field(k, data, start + 1, end - 1, record);
      } else {
        const length = unquote(data, start, end);
        if (length > 0) sink.field(k, scratch, 0, length, record);
      }
    }
    sink.endRecord(record);
  };

  /**
   * Reads the whole records of `data[at, end)`. Returns where the first unfinished one starts
   * (`end` when none is). With `final`, the data's end ends the last record.
   */
  const read = (data: Buffer, at: number, end: number, final: boolean): number => {
    if (!started) {
      if (end - at < BOM.length && !final && BOM.slice(0, end - at).every((b, i) => data[at + i] === b)) return at;
      if (data[at] === BOM[0] && data[at + 1] === BOM[1] && data[at + 2] === BOM[2]) at += BOM.length;
      started = true;
    }
    if (lineEnd === -1 && !settleLineEnd(data, at, end, final)) return at;
    const eol = lineEnd;
    const eolWord = eol * ONES;
    const view = new DataView(data.buffer, data.byteOffset, data.length);
    while (at < end) {
      let i = at;
      let fields = 0;
      for (;;) {
        // One field. Unquoted, it goes byte by byte to a delimiter or the line end; quoted (a quote
        // first), it jumps from quote to quote to the closing one, and what follows is literal.
        const start = i;
        if (i < end && data[i] === QUOTE) {
          const close = closingQuote(data, i + 1, end);
          if (close === -1) {
            if (!final) return at;
            i = end;
          } else i = close + 1;
        }
        // Four bytes at a time while none of them is a delimiter or a line end, then byte by byte.
        for (; i + 4 <= end; i += 4) {
          const word = view.getInt32(i, true);
          if (hasByte(word, delimiterWord) || hasByte(word, eolWord)) break;
        }
        for (; i < end; i++) {
          const b = data[i];
          if (b === DELIMITER || b === eol) break;
        }
        if (fields === starts.length) {
          const grownStarts = new Int32Array(2 * fields);
          const grownEnds = new Int32Array(2 * fields);
          grownStarts.set(starts);
          grownEnds.set(ends);
          starts = grownStarts;
          ends = grownEnds;
        }
        starts[fields] = start;
        ends[fields] = i;
        fields++;
        if (i >= end) {
          if (!final) return at;
          if (lineEnd === NEWLINE && i > start && data[i - 1] === RETURN) ends[fields - 1] = i - 1;
          emit(data, fields);
          return end;
        }
        if (data[i] === DELIMITER) {
          i++;
          continue;
        }
        // The line end: a `\r` before a `\n` belongs to it.
        if (lineEnd === NEWLINE && i > start && data[i - 1] === RETURN) ends[fields - 1] = i - 1;
        emit(data, fields);
        at = i + 1;
        break;
      }
    }
    return at;
  };

  return {
    push(piece) {
      const data = pending === undefined ? piece : Buffer.concat([pending, piece]);
      const next = read(data, 0, data.length, false);
      if (data.length - next > MAX_CSV_RECORD)
        throw Object.assign(new Error(`a CSV record runs over ${MAX_CSV_RECORD >> 20} MiB (an unclosed quote?)`), {
          code: CSV_RECORD_TOO_LONG,
        });
      // The unfinished record is copied: the piece's memory may be reused once this returns.
      pending = next < data.length ? Buffer.from(data.subarray(next)) : undefined;
    },
    end() {
      if (pending !== undefined) read(pending, 0, pending.length, true);
      pending = undefined;
    },
  };
}

/**
 * Reads a CSV or TSV stream to its end into the sink. `onBytes` is told of every piece as it is
 * read. A sink that throws stops the read, and the stream is closed.
 */
export async function readCsv(
  stream: AsyncIterable<Buffer>,
  delimiter: string,
  sink: CsvSink,
  onBytes: (bytes: number) => void = () => {},
): Promise<void> {
  const parser = createCsvParser(delimiter, sink);
  for await (const piece of stream) {
    onBytes(piece.length);
    parser.push(piece);
  }
  parser.end();
}
