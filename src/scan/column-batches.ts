/**
 * Values of columns (database columns, CSV columns) collected per column and handed to the engine
 * in batches, which lets it run each pattern once over many values. A value comes as a string
 * (CSV, MySQL) or as UTF-8 bytes (PostgreSQL's binary COPY): bytes are copied straight into the
 * batch's text, so no string is made for a value unless the engine asks for one.
 */
import type { RecordOrigin } from '../types.js';
import { toValuesRecord, type ValuesRecord } from '../engine/values-record.js';

/** Rows collected before the batches go to the engine. */
export const BATCH_ROWS = 2048;

const NEWLINE = 0x0a;
const RETURN = 0x0d;
const SPACE = 0x20;

export interface ColumnBatches {
  /** Adds column i's value in a row (1-based row number). */
  add(column: number, value: string, row: number): void;
  /** Adds column i's value as UTF-8 bytes, `src[start, end)`. */
  addBytes(column: number, src: Uint8Array, start: number, end: number, row: number): void;
  /** Scans what was collected. Returns the bytes of value text scanned. */
  flush(): number;
  /** Number of columns. */
  columns: number;
}

interface Batch {
  origin: RecordOrigin;
  name: string;
  rows: number[];
  /** Values added as strings. */
  values: string[];
  /** Values added as bytes, each followed by a newline, in `text[0, length)`. */
  text: Buffer | undefined;
  length: number;
}

/** Grows a batch's text to hold `more` bytes past its length. */
function reserve(batch: Batch, more: number): Buffer {
  const needed = batch.length + more;
  if (batch.text === undefined || batch.text.length < needed) {
    const grown = Buffer.allocUnsafe(Math.max(needed, 2 * (batch.text?.length ?? 32 * 1024)));
    batch.text?.copy(grown, 0, 0, batch.length);
    batch.text = grown;
  }
  return batch.text;
}

/**
 * The record of a batch's byte values: its text without the last newline, copied (the batch's
 * buffer is reused) into memory of its own, which can be handed to a worker thread without a copy.
 */
function toBytesRecord(batch: Batch): ValuesRecord {
  const data = Buffer.allocUnsafeSlow(batch.length - 1);
  batch.text!.copy(data, 0, 0, batch.length - 1);
  return { origin: batch.origin, kind: 'values', data, rows: batch.rows, hint: batch.name };
}

/** `columns` may grow while values are added (JSON paths are found as a document is walked). */
export function createColumnBatches(columns: ReadonlyArray<{ origin: RecordOrigin; name: string }>, sink: { scan(record: ValuesRecord): void }): ColumnBatches {
  const batches: Batch[] = [];
  const batchOf = (column: number) => (batches[column] ??= { ...columns[column]!, rows: [], values: [], text: undefined, length: 0 });
  return {
    get columns() {
      return columns.length;
    },
    add(column, value, row) {
      const batch = batchOf(column);
      batch.values.push(value);
      batch.rows.push(row);
    },
    addBytes(column, src, start, end, row) {
      const batch = batchOf(column);
      const text = reserve(batch, end - start + 1);
      let at = batch.length;
      // A value's own line ends become spaces: one value, one line.
      for (let i = start; i < end; i++) {
        const byte = src[i]!;
        text[at++] = byte === NEWLINE || byte === RETURN ? SPACE : byte;
      }
      text[at++] = NEWLINE;
      batch.length = at;
      batch.rows.push(row);
    },
    flush() {
      let bytes = 0;
      for (const batch of batches) {
        if (batch === undefined || batch.rows.length === 0) continue;
        // A column's values all come one way: as strings or as bytes.
        const record = batch.length > 0 ? toBytesRecord(batch) : toValuesRecord(batch.origin, batch.values, batch.rows, batch.name);
        bytes += record.data.length - (batch.rows.length - 1);
        sink.scan(record);
        batch.values = [];
        batch.rows = [];
        batch.length = 0;
      }
      return bytes;
    },
  };
}
