/**
 * How old an occurrence's data is, for retention: its line's timestamp when the line carries one
 * (a database row's, its configured timestamp column), else the date in its file's path or
 * object's key, else the file's or object's modification time. The most specific date wins,
 * because a log file written today can hold lines of last month, and a partition
 * `dt=2026-11-01/` rewritten today still holds that day's data.
 */
import type { RecordOrigin, RowDates, ScanRecord } from '../connectors/records.js';
import { toLineDate, toPathDate } from '../engine/dates.js';

/** Where a finding's oldest date came from. */
export type DateSource = 'line timestamp' | 'row timestamp' | 'path' | 'modified';

/** A date (epoch ms) and where it came from. */
export interface DatedAt {
  at: number;
  from: DateSource;
}

/** The date of a whole file or object: its path's, else its modification time. */
function toOriginDate(origin: RecordOrigin): DatedAt | undefined {
  const fromPath = toPathDate(origin.uri);
  if (fromPath !== undefined) return { at: fromPath, from: 'path' };
  const modified = origin.modifiedAt === undefined ? NaN : Date.parse(origin.modifiedAt);
  return Number.isNaN(modified) ? undefined : { at: modified, from: 'modified' };
}

/** Dates the occurrences of one record: `dateOf(line)` for a line number of the record. */
export function createRecordDates(record: ScanRecord): (line: number, count?: number) => DatedAt | undefined {
  const whole = toOriginDate(record.origin);
  // Values (columns, CSV, JSON documents) have no line timestamps: their file or object dates them.
  if (record.kind !== 'lines') return record.dates === undefined ? () => whole : createRowDates(record.dates, whole);
  let starts: number[] | undefined;
  const cache = new Map<number, DatedAt | undefined>();
  return (line) => {
    if (cache.has(line)) return cache.get(line);
    starts ??= lineStarts(record.data);
    const index = line - record.firstLine;
    const start = starts[index];
    let dated = whole;
    if (start !== undefined) {
      const end = starts[index + 1] ?? record.data.length;
      // Only the head of a line can hold its timestamp (dates.ts reads no further).
      const text = (record.piece?.head ?? record.data).toString('utf8', start, Math.min(end, start + 512));
      const at = toLineDate(text);
      if (at !== undefined) dated = { at, from: 'line timestamp' };
    }
    cache.set(line, dated);
    return dated;
  };
}

/**
 * A row's timestamp column. An occurrence that stands for many equal ones (past the locations a
 * report keeps, `count` > 1) stands for rows from its own to the batch's end, so it takes the
 * oldest of those: the age of a column whose values all match is then exact.
 */
function createRowDates(dates: RowDates, whole: DatedAt | undefined) {
  return (row: number, count = 1): DatedAt | undefined => {
    const from = row - dates.firstRow;
    const to = count > 1 ? dates.values.length : from + 1;
    let at = Infinity;
    for (let i = from; i < to; i++) if (dates.values[i]! < at) at = dates.values[i]!;
    return Number.isFinite(at) ? { at, from: 'row timestamp' } : whole;
  };
}

function lineStarts(data: Buffer): number[] {
  const starts = [0];
  for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) starts.push(i + 1);
  return starts;
}
