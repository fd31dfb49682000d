/**
 * Values of columns (database columns, CSV columns) collected per column and handed to the engine
 * in batches, which lets it run each pattern once over many values.
 */
import type { RecordOrigin } from '../types.js';
import { toValuesRecord } from '../engine/scan-values.js';
import type { RecordSink } from './record-scanner.js';

/** Rows collected before the batches go to the engine. */
export const BATCH_ROWS = 2048;

export interface ColumnBatches {
  /** Adds column i's value in a row (1-based row number). */
  add(column: number, value: string, row: number): void;
  /** Scans what was collected. Returns the bytes of value text scanned. */
  flush(): number;
  /** Number of columns. */
  columns: number;
}

/** `columns` may grow while values are added (JSON paths are found as a document is walked). */
export function createColumnBatches(columns: ReadonlyArray<{ origin: RecordOrigin; name: string }>, sink: RecordSink): ColumnBatches {
  const batches: Array<{ origin: RecordOrigin; name: string; values: string[]; rows: number[] }> = [];
  return {
    get columns() {
      return columns.length;
    },
    add(column, value, row) {
      const batch = (batches[column] ??= { ...columns[column]!, values: [], rows: [] });
      batch.values.push(value);
      batch.rows.push(row);
    },
    flush() {
      let bytes = 0;
      for (const batch of batches) {
        if (batch === undefined || batch.values.length === 0) continue;
        const record = toValuesRecord(batch.origin, batch.values, batch.rows, batch.name);
        bytes += record.data.length - (batch.values.length - 1);
        sink.scan(record);
        batch.values = [];
        batch.rows = [];
      }
      return bytes;
    },
  };
}
