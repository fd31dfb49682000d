/**
 * Reads one table into column batches: each value as text (numbers only with the digit count of a
 * PII kind, binary values only when they are UTF-8), each column's name the context of its values.
 */
import { isUtf8 } from 'node:buffer';
import { emptyResult, type RecordSink, type SourceResult, type WorkUnit } from '../contract.js';
import type { RecordOrigin, RowDates } from '../records.js';
import picomatch from 'picomatch';
import {
  toKeyedRead,
  type ColumnInfo,
  type DatabaseDriver,
  type ReadPlan,
  type RowSink,
  type TableInfo,
} from './driver.js';
import { createColumnBatches, isBatchEnd } from '../column-batches.js';
import { toDenied } from './denials.js';
import { createRowKeys } from './row-keys.js';

/** One table to read. */
export interface TableUnit extends WorkUnit {
  table: TableInfo;
}

/** A table's read: the unit, how to read it, on which connection, into which sink. */
export interface TableRead {
  unit: TableUnit;
  plan: ReadPlan;
  /** A column's location, site URI and default service. */
  origin: (column: ColumnInfo) => RecordOrigin;
  driver: DatabaseDriver;
  sink: RecordSink;
}

/**
 * A value given as text, to scan, or undefined when there is nothing worth scanning. (Binary values
 * come as bytes: textStart.)
 */
function toText(value: string | null, column: ColumnInfo): string | undefined {
  if (value === null || value === '') return undefined;
  if (column.kind === 'number') return /^-?\d{9,19}$/.test(value) ? value.replace(/^-/, '') : undefined;
  return value;
}

const MINUS = 0x2d;
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;

/** toText() for a value given as bytes: where its text starts, or -1 when there is nothing worth scanning. */
function textStart(src: Uint8Array, start: number, end: number, column: ColumnInfo): number {
  if (end === start) return -1;
  if (column.kind === 'bytes') return isUtf8(src.subarray(start, end)) ? start : -1;
  if (column.kind !== 'number') return start;
  // Numbers with the digit count of a phone number, an SSN or a card: 9 to 19 digits, sign dropped.
  const digits = src[start] === MINUS ? start + 1 : start;
  if (end - digits < 9 || end - digits > 19) return -1;
  for (let i = digits; i < end; i++) if (!isDigit(src[i]!)) return -1;
  return digits;
}

/** The table with the column that dates its rows, when retention names one the user may read. */
function withTimestamp(table: TableInfo, plan: ReadPlan): TableInfo {
  const name = `${table.schema}.${table.table}`;
  const glob = Object.keys(plan.timestampColumns ?? {}).find((g) => picomatch.isMatch(name, g, { dot: true }));
  const column = glob === undefined ? undefined : plan.timestampColumns![glob]!;
  const known = [...table.columns.map((c) => c.name), ...table.skippedColumns].includes(column ?? '');
  return column !== undefined && known && !table.deniedColumns?.includes(column)
    ? { ...table, timestamp: column }
    : table;
}

/** The timestamps of the rows since the last take(), as the driver passes them in epoch seconds. */
function createRowDates() {
  let values: number[] = [];
  return {
    add: (value: string | null) => void values.push(value === null ? NaN : Number(value) * 1000),
    take(firstRow: number): RowDates {
      const dates = { firstRow, values };
      values = [];
      return dates;
    },
  };
}

/** Reads one table into the sink; the result holds its coverage and rows. */
export async function readTable({ unit, plan, origin, driver, sink }: TableRead): Promise<SourceResult> {
  const table = withTimestamp(unit.table, plan);
  const result = emptyResult();
  const batches = createColumnBatches(
    table.columns.map((column) => ({
      origin: origin(column),
      name: column.name,
    })),
    sink,
  );
  const keys = createRowKeys(table.primaryKey);
  const width = table.columns.length;
  // The timestamp comes after the key columns the read asks for.
  const dateAt = table.timestamp === undefined ? -1 : width + (toKeyedRead(table, plan).primaryKey?.length ?? 0);
  const dates = dateAt === -1 ? undefined : createRowDates();
  let rows = 0;
  let flushed = 0;
  const flush = () => {
    result.bytes += batches.flush(keys.take(flushed + 1), dates?.take(flushed + 1));
    flushed = rows;
  };
  let skippedValues = 0;
  // Binary values that are not UTF-8 are skipped and counted.
  const skip = (column: ColumnInfo, given: boolean) => {
    if (column.kind === 'bytes' && given) skippedValues++;
  };
  const rowSink: RowSink = {
    text(i, value) {
      if (i === dateAt) return dates!.add(value);
      if (i >= width) return keys.add(i - width, value);
      const text = toText(value, table.columns[i]!);
      if (text === undefined) skip(table.columns[i]!, Boolean(value));
      else batches.add(i, text, rows + 1);
    },
    bytes(i, src, start, end) {
      if (i === dateAt) return dates!.add(Buffer.from(src.buffer, src.byteOffset + start, end - start).toString());
      if (i >= width)
        return keys.add(i - width, Buffer.from(src.buffer, src.byteOffset + start, end - start).toString());
      const at = textStart(src, start, end, table.columns[i]!);
      if (at === -1) skip(table.columns[i]!, end > start);
      else batches.addBytes(i, src, at, end, rows + 1);
    },
    endRow() {
      keys.endRow();
      if (isBatchEnd(++rows)) flush();
    },
    wait: () => sink.wait(),
  };
  try {
    const { rowsEstimated, sampled, method } = await driver.readTable(table, plan, rowSink);
    const denied = toDenied(driver, table);
    result.tables.push({
      source: unit.target,
      table: `${table.schema}.${table.table}`,
      rowsEstimated,
      rowsScanned: rows,
      sampled,
      method,
      seed: plan.seed,
      skippedColumns: table.skippedColumns.length,
      skippedValues,
      ...(denied ? { denied } : {}),
      ...(table.range ? { ranges: 1 } : {}),
    });
  } catch (error) {
    result.errors.push({ source: unit.source, message: driver.describeError(error) });
  } finally {
    // Rows read before a failure are still scanned.
    flush();
  }
  return { ...result, rows, read: result.tables.length > 0 };
}
