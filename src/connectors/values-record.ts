/**
 * A batch of one column's values as the engine reads it: the values joined by newlines as UTF-8,
 * their row numbers, and the column's name. Strings of the values are made only when needed.
 */
import type { RecordOrigin, ScanRecord } from './records.js';

export type ValuesRecord = Extract<ScanRecord, { kind: 'values' }>;

/** A batch of values as a record: one value per line, line ends inside a value turned into spaces. */
export function toValuesRecord(
  origin: RecordOrigin,
  values: string[],
  rows: ArrayLike<number>,
  hint: string,
): ValuesRecord {
  let joined = values.join('\n');
  // Usually no value holds a line end: then the joined text has exactly the separators.
  let newlines = 0;
  for (let i = joined.indexOf('\n'); i !== -1; i = joined.indexOf('\n', i + 1)) newlines++;
  if (newlines !== values.length - 1 || joined.includes('\r')) {
    values = values.map((v) => (v.includes('\n') || v.includes('\r') ? v.replace(/[\r\n]/g, ' ') : v));
    joined = values.join('\n');
  }
  return { origin, kind: 'values', values, data: Buffer.from(joined), rows, hint };
}

/** A batch's values as strings, split from its text the first time they are asked for. */
export function valuesOf(record: ValuesRecord): string[] {
  return (record.values ??= record.rows.length === 0 ? [] : record.data.toString('utf8').split('\n'));
}
