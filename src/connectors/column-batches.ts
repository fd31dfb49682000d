/**
 * Values of columns (database columns, CSV columns) collected per column and handed to the engine
 * in batches, which lets it run each pattern once over many values. A value comes as a string
 * (CSV, MySQL) or as UTF-8 bytes (PostgreSQL's binary COPY): bytes are copied straight into the
 * batch's text, so no string is made for a value unless the engine asks for one.
 *
 * Invariant: a value added as bytes and the same value added as a string give the same record;
 * test/connectors/column-batches.test.ts holds the two paths equal, and
 * test/engine/column/column-path-examples.test.ts runs every detector's examples through both.
 */
import type { RecordOrigin, RowDates, RowKeys } from './records.js';
import { toValuesRecord, type ValuesRecord } from './values-record.js';
import { hasByteBelow, ONES } from './byte-words.js';

/** Rows collected before the batches go to the engine. */
export const BATCH_ROWS = 8192;
/**
 * The first batches go early, after this many rows: the code that hands batches over (and scans
 * them) has then run before V8 optimizes the loop over rows, which would otherwise be compiled
 * without it and thrown away at the first full batch.
 */
const FIRST_BATCH_ROWS = 256;

/** Whether the batches go to the engine after row `row` (1-based): every BATCH_ROWS rows, and once early. */
export function isBatchEnd(row: number): boolean {
  return row % BATCH_ROWS === 0 || row === FIRST_BATCH_ROWS;
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;
const SPACE = 0x20;
const spaceForLineEnd = (byte: number) => (byte === NEWLINE || byte === RETURN ? SPACE : byte);

export interface ColumnBatches {
  /** Adds column i's value in a row (1-based row number). */
  add(column: number, value: string, row: number): void;
  /** Adds column i's value as UTF-8 bytes, `src[start, end)`. */
  addBytes(column: number, src: Uint8Array, start: number, end: number, row: number): void;
  /** Scans what was collected, each record with the rows' primary keys when given. Returns the value bytes scanned. */
  flush(keys?: RowKeys, dates?: RowDates): number;
  /** Number of columns. */
  columns: number;
}

interface Batch {
  origin: RecordOrigin;
  name: string;
  /** Row numbers of the values, `rows[0, count)`. */
  rows: Int32Array;
  count: number;
  /** Values added as strings. */
  values: string[];
  /** Values added as bytes, each followed by a newline, in `text[0, length)`; `view` is a DataView of `text`. */
  text: Buffer | undefined;
  view: DataView | undefined;
  length: number;
}

/**
 * Grows a batch's text to hold `needed` bytes (at least twice what it held). Called only when it
 * must, so the check stays in the caller.
 */
function grow(batch: Batch, needed: number): Buffer {
  const grown = Buffer.allocUnsafe(Math.max(needed, 2 * (batch.text?.length ?? 32 * 1024)));
  batch.text?.copy(grown, 0, 0, batch.length);
  batch.text = grown;
  batch.view = new DataView(grown.buffer, grown.byteOffset, grown.length);
  return grown;
}

/** Adds a row number. */
function addRow(batch: Batch, row: number): void {
  if (batch.count === batch.rows.length) {
    const grown = new Int32Array(2 * batch.rows.length);
    grown.set(batch.rows);
    batch.rows = grown;
  }
  batch.rows[batch.count++] = row;
}

/**
 * The record of a batch's byte values: its text without the last newline, and its row numbers,
 * copied (the batch's buffers are reused) into memory of their own, which can be handed to a
 * worker thread without a copy. `values` is there from the start, unset, so that every record has
 * one shape whether or not valuesOf() fills it in (code reading records stays optimized).
 */
function toBytesRecord(batch: Batch): ValuesRecord {
  const data = Buffer.allocUnsafeSlow(batch.length - 1);
  batch.text!.copy(data, 0, 0, batch.length - 1);
  return {
    origin: batch.origin,
    kind: 'values',
    values: undefined,
    data,
    rows: batch.rows.slice(0, batch.count),
    hint: batch.name,
  };
}

/**
 * Line feeds and carriage returns are below 0x0e: a word without such a byte holds no line end (and
 * one with a tab only takes the slow path).
 */
const BELOW_LINE_ENDS = (RETURN + 1) * ONES;

/** `columns` may grow while values are added (JSON paths are found as a document is walked). */
export function createColumnBatches(
  columns: ReadonlyArray<{ origin: RecordOrigin; name: string }>,
  sink: { scan(record: ValuesRecord): void },
): ColumnBatches {
  const batches: Batch[] = [];
  const batchOf = (column: number) =>
    (batches[column] ??= {
      ...columns[column]!,
      rows: new Int32Array(BATCH_ROWS),
      count: 0,
      values: [],
      text: undefined,
      view: undefined,
      length: 0,
    });
  // Values are copied four bytes at a time through DataViews of the source and the batch text.
  let source: Uint8Array | undefined;
  let sourceView: DataView | undefined;
  return {
    get columns() {
      return columns.length;
    },
    add(column, value, row) {
      const batch = batchOf(column);
      batch.values.push(value);
      addRow(batch, row);
    },
    addBytes(column, src, start, end, row) {
      const batch = batchOf(column);
      const needed = batch.length + end - start + 1;
      const text = batch.text !== undefined && batch.text.length >= needed ? batch.text : grow(batch, needed);
      if (src !== source) sourceView = new DataView((source = src).buffer, src.byteOffset, src.length);
      const from = sourceView!;
      const to = batch.view!;
      let at = batch.length;
      let i = start;
      // A value's own line ends become spaces: one value, one line. Words without one go whole.
      for (; i + 4 <= end; i += 4, at += 4) {
        const word = from.getInt32(i, true);
        if (!hasByteBelow(word, BELOW_LINE_ENDS)) to.setInt32(at, word, true);
        else for (let k = 0; k < 4; k++) text[at + k] = spaceForLineEnd(src[i + k]!);
      }
      for (; i < end; i++) text[at++] = spaceForLineEnd(src[i]!);
      text[at++] = NEWLINE;
      batch.length = at;
      addRow(batch, row);
    },
    flush(keys, dates) {
      let bytes = 0;
      for (const batch of batches) {
        if (batch === undefined || batch.count === 0) continue;
        // A column's values all come one way: as strings or as bytes.
        const record =
          batch.length > 0
            ? toBytesRecord(batch)
            : toValuesRecord(batch.origin, batch.values, batch.rows.slice(0, batch.count), batch.name);
        bytes += record.data.length - (batch.count - 1);
        if (keys !== undefined) record.keys = keys;
        if (dates !== undefined) record.dates = dates;
        sink.scan(record);
        batch.values = [];
        batch.count = 0;
        batch.length = 0;
      }
      return bytes;
    },
  };
}
