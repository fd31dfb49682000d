/**
 * A batch of one column's values (a database column, a CSV column), one value per line. In a
 * column not named for a PII kind, stage one picks the values worth analysing, as in a log. In a
 * column named for one (`email`, `phone_sha256`), every value is analysed, because a bare 9-digit
 * SSN or a digest needs the name to be seen: then each pattern runs once over the whole batch.
 */
import type { Occurrence, RecordOrigin, ScanRecord } from '../types.js';
import type { DetectorSet } from './detector-set.js';
import { analyzeLine, detectInputOf, lineFieldsOf, toOccurrences, type AnalyzeOptions, type LineInput } from './analyze-line.js';
import { detect, detectValues, namedDetector } from './detect.js';
import { candidateLines } from './scan-chunk.js';
import { scanWholeValues } from './whole-values.js';

export type ValuesRecord = Extract<ScanRecord, { kind: 'values' }>;

/** A batch of values as a record: one value per line, line ends inside a value turned into spaces. */
export function toValuesRecord(origin: RecordOrigin, values: string[], rows: number[], hint: string): ValuesRecord {
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

export function scanValues(set: DetectorSet, record: ValuesRecord, options: AnalyzeOptions): Occurrence[] {
  const { rows, hint } = record;
  const occurrences: Occurrence[] = [];
  const named = namedDetector(set, hint);
  if (named === undefined) {
    for (const { bytes, index } of candidateLines(set, record.data)) {
      occurrences.push(...analyzeLine(set, { text: bytes.toString('utf8'), line: rows[index]!, bytes, hint, template: false }, options));
    }
    return occurrences;
  }
  const { values } = record;
  const fast = scanWholeValues(set, { data: record.data, values, rows, hint }, named, options);
  if (fast !== undefined) return fast;
  const text = values.join('\n');
  const starts: number[] = new Array(values.length);
  for (let i = 0, at = 0; i < values.length; at += values[i]!.length + 1, i++) starts[i] = at;
  const lines: LineInput[] = values.map((value, i) => ({ text: value, line: rows[i]!, hint, template: false }));
  const fields = lines.map(lineFieldsOf);
  const detected = detectValues(set, { text, starts, inputOf: (i) => detectInputOf(lines[i]!, fields[i]!) });
  detected.forEach((matches, i) => {
    const line = lines[i]!;
    const found = matches ?? detect(set, detectInputOf(line, fields[i]!));
    occurrences.push(...toOccurrences(set, line, fields[i]!, found, options));
  });
  return occurrences;
}
