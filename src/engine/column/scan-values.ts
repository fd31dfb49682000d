/**
 * A batch of one column's values (a database column, a CSV column), one value per line. In a
 * column not named for a PII kind, stage one picks the values worth analysing, as in a log. In a
 * column named for one (`email`, `phone_sha256`), every value is analysed, because a bare 9-digit
 * SSN or a digest needs the name to be seen: then each pattern runs once over the whole batch.
 * Either way, the values analysed go through detectValues together, each pattern once per few
 * dozen values, and equal values once.
 *
 * Invariant: a batch finds what its values find one by one as lines of their own;
 * test/engine/column/column-path-examples.test.ts holds every detector's examples to it.
 */
import type { Occurrence } from '../occurrence.js';
import type { DetectorSet } from '../detector-set.js';
import { detectInputOf, lineFieldsOf, toOccurrences, type AnalyzeOptions, type LineInput } from '../analyze-line.js';
import { detect, detectValues } from '../detect.js';
import { namedDetector } from '../key-names.js';
import { candidateLines } from '../scan-chunk.js';
import { scanWholeValues } from './whole-values.js';
import { valuesOf, type ValuesRecord } from '../../connectors/values-record.js';

export function scanValues(set: DetectorSet, record: ValuesRecord, options: AnalyzeOptions): Occurrence[] {
  const { rows, hint } = record;
  const named = namedDetector(set, hint);
  if (named === undefined) {
    // Only the values stage one flags, analysed together as a named column's are.
    const candidates = candidateLines(set, record.data);
    if (candidates.length === 0) return [];
    return analyzeValues(
      set,
      candidates.map((c) => c.bytes.toString('utf8')),
      // Row numbers in an Int32Array, as a named column's are: code that reads both stays optimized.
      Int32Array.from(candidates, (c) => rows[c.index]!),
      hint,
      options,
    );
  }
  return scanWholeValues(set, record, named, options) ?? analyzeValues(set, valuesOf(record), rows, hint, options);
}

/**
 * Each value analysed as analyzeLine() would, with each pattern run once per few dozen values
 * (detectValues). A column's equal values (a status, a note written many times) come out alike but
 * for their row, so each distinct value is analysed once and its occurrences are repeated.
 */
function analyzeValues(
  set: DetectorSet,
  values: string[],
  rows: ArrayLike<number>,
  hint: string,
  options: AnalyzeOptions,
): Occurrence[] {
  const distinctIndex = new Map<string, number>();
  const lines: LineInput[] = [];
  const distinctOf = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let d = distinctIndex.get(values[i]!);
    if (d === undefined) {
      distinctIndex.set(values[i]!, (d = lines.length));
      lines.push({ text: values[i]!, line: rows[i]!, hint, template: false });
    }
    distinctOf[i] = d;
  }
  const found = analyzeDistinct(set, lines, options);
  if (lines.length === values.length) return found.flat();
  const occurrences: Occurrence[] = [];
  for (let i = 0; i < values.length; i++) {
    const d = distinctOf[i]!;
    // The value's first row is the one its occurrences were made with; later ones are copies.
    for (const o of found[d]!) occurrences.push(lines[d]!.line === rows[i] ? o : { ...o, line: rows[i]! });
  }
  return occurrences;
}

/** The occurrences of each line (a column's distinct values), in order. */
function analyzeDistinct(set: DetectorSet, lines: LineInput[], options: AnalyzeOptions): Occurrence[][] {
  const text = lines.map((line) => line.text).join('\n');
  const starts = new Array<number>(lines.length);
  for (let i = 0, at = 0; i < lines.length; at += lines[i]!.text.length + 1, i++) starts[i] = at;
  const fields = lines.map(lineFieldsOf);
  const detected = detectValues(set, { text, starts, inputOf: (i) => detectInputOf(lines[i]!, fields[i]!) });
  return detected.map((matches, i) => {
    const line = lines[i]!;
    return toOccurrences(set, line, fields[i]!, matches ?? detect(set, detectInputOf(line, fields[i]!)), options);
  });
}
