/**
 * ClickHouse's TabSeparated output cut into fields on its bytes, so that a value without escapes
 * goes to the row sink as bytes (as PostgreSQL's binary COPY does) and no string is made for it;
 * the client's own row reading makes a string and a parsed object of every row, several times
 * slower than the scan. Escaped values (`\t`, `\n`, `\\`, `\0`) and `\N` (NULL) are undone as
 * strings; arrays, maps and tuples become JSON.
 *
 * Invariant: every value comes out as the client's JSONEachRow reading of the same row gives it;
 * test/connectors/clickhouse/clickhouse.integration.test.ts ("reads every value as the client's
 * JSON rows do") holds the two equal on tricky values.
 */
import type { ColumnInfo, RowSink } from '../database/driver.js';
import { literalToJson, unescapeClickhouse } from './literal.js';

const TAB = 0x09;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;

/** How each column's text is handed on. */
export interface TsvColumns {
  columns: readonly ColumnInfo[];
  /** FixedString columns: their zero padding is dropped. */
  fixed: readonly boolean[];
}

/** A field `src[start, end)`, and whether a backslash is in it. */
interface Field {
  src: Buffer;
  start: number;
  end: number;
  escaped: boolean;
}

/** Hands one field of column i to the sink. */
function toField(sink: RowSink, layout: TsvColumns, i: number, { src, start, end, escaped }: Field) {
  if (layout.columns[i]!.kind === 'json') return sink.text(i, literalToJson(src.toString('utf8', start, end)));
  if (!escaped) return sink.bytes(i, src, start, end);
  const text = src.toString('utf8', start, end);
  if (text === '\\N') return sink.text(i, null);
  const value = unescapeClickhouse(text);
  sink.text(i, layout.fixed[i] ? value.replace(/\0+$/, '') : value);
}

/**
 * Reads TabSeparated rows from a stream of chunks into the sink, awaiting its wait() between
 * chunks. Returns the rows read.
 */
export async function readTsvRows(stream: AsyncIterable<Buffer>, layout: TsvColumns, sink: RowSink): Promise<number> {
  const last = layout.columns.length - 1;
  let rest: Buffer | undefined;
  let rows = 0;
  for await (const chunk of stream) {
    const src = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
    let pos = 0;
    // The next backslash at or after pos (none: past every end), found once per backslash, not once per field.
    let escape = -1;
    const field = (end: number): Field => {
      if (escape < pos) escape = src.indexOf(BACKSLASH, pos) >>> 0;
      return { src, start: pos, end, escaped: escape < end };
    };
    for (let lineEnd = src.indexOf(NEWLINE, pos); lineEnd !== -1; lineEnd = src.indexOf(NEWLINE, pos)) {
      for (let i = 0; i < last; i++) {
        const tab = src.indexOf(TAB, pos);
        toField(sink, layout, i, field(tab));
        pos = tab + 1;
      }
      toField(sink, layout, last, field(lineEnd));
      pos = lineEnd + 1;
      sink.endRow();
      rows++;
    }
    rest = pos < src.length ? src.subarray(pos) : undefined;
    const waiting = sink.wait();
    if (waiting !== undefined) await waiting;
  }
  return rows;
}
