// The column path for tests: a column's values as connectors hand them over (column batches, as
// strings or as UTF-8 bytes), scanned by the engine and counted by the column verdicts.
import type { Occurrence } from '../../../src/engine/occurrence.js';
import type { DetectorSet } from '../../../src/engine/detector-set.js';
import type { AnalyzeOptions } from '../../../src/engine/analyze-line.js';
import { createColumnBatches } from '../../../src/connectors/column-batches.js';
import { createColumnVerdicts } from '../../../src/sites/column-verdict.js';
import { scanRecord } from '../../../src/engine/scan-record.js';
import type { ValuesRecord } from '../../../src/connectors/values-record.js';
import { columnOrigin } from '../../scan-inputs.js';

const OPTIONS: AnalyzeOptions = { showValues: false, serviceField: 'service' };

/** How a connector adds values: strings (CSV, MySQL) or byte ranges of what it read (PostgreSQL's binary COPY). */
export type ValueEncoding = 'strings' | 'bytes';

export interface ColumnScan {
  set: DetectorSet;
  /** The column's name: context for every value. */
  column: string;
  /** The column's values; row i + 1 holds values[i]. */
  values: readonly string[];
  encoding: ValueEncoding;
}

/** The occurrences of a column's values, as a database scan makes them (line: the row number). */
export function scanColumn({ set, column, values, encoding }: ColumnScan): Occurrence[] {
  const found: Occurrence[] = [];
  const verdicts = createColumnVerdicts(() => set);
  const sink = {
    scan(record: ValuesRecord) {
      const stats = verdicts.addRecord(record);
      for (const o of scanRecord(set, record, OPTIONS)) found.push(verdicts.addOccurrence(stats, o));
    },
  };
  const batches = createColumnBatches([{ origin: columnOrigin(column), name: column }], sink);
  values.forEach((value, i) => {
    if (encoding === 'strings') batches.add(0, value, i + 1);
    else batches.addBytes(0, Buffer.from(value), 0, Buffer.byteLength(value), i + 1);
  });
  batches.flush();
  return found;
}
