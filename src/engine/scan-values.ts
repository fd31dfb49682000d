/**
 * A batch of one column's values (a database column, a CSV column), one value per line. In a
 * column not named for a PII kind, stage one picks the values worth analysing, as in a log. In a
 * column named for one (`email`, `phone_sha256`), every value is analysed, because a bare 9-digit
 * SSN or a digest needs the name to be seen: then each pattern runs once over the whole batch.
 */
import type { Occurrence, ScanRecord } from '../types.js';
import type { DetectorSet } from './detector-set.js';
import { analyzeLine, detectInputOf, lineFieldsOf, toOccurrences, type AnalyzeOptions, type LineInput } from './analyze-line.js';
import { detect, detectValues, namedDetector } from './detect.js';
import { candidateLines } from './scan-chunk.js';
import { scanWholeValues } from './whole-values.js';

export type ValuesRecord = Extract<ScanRecord, { kind: 'values' }>;

/** Joins values into a batch's data: one per line, newlines inside a value turned into spaces. */
export function toValuesData(values: readonly string[]): Buffer {
  const joined = values.join('\n');
  // Usually no value holds a line end: then the joined text has exactly the separators.
  let newlines = 0;
  for (let i = joined.indexOf('\n'); i !== -1; i = joined.indexOf('\n', i + 1)) newlines++;
  if (newlines === values.length - 1 && !joined.includes('\r')) return Buffer.from(joined);
  return Buffer.from(values.map((v) => (v.includes('\n') || v.includes('\r') ? v.replace(/[\r\n]/g, ' ') : v)).join('\n'));
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
  const text = record.data.toString('utf8');
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const values = starts.map((start, i) => text.slice(start, i + 1 < starts.length ? starts[i + 1]! - 1 : text.length));
  const fast = scanWholeValues(set, { data: record.data, values, rows, hint }, named.detector, options);
  if (fast !== undefined) return fast;
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
