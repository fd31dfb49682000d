// Detector examples as column values: each example's value as a column would store it (the raw
// text a pattern matched, before normalize()), under the column name the example gives (its
// hint) or the detector's own field name, with what the line path reports for it in the example.
import type { Detector, Form, NegativeExample, PositiveExample } from '../../../src/engine/detector.js';
import { createDetectorSet, type DetectorSet } from '../../../src/engine/detector-set.js';
import { analyzeLine } from '../../../src/engine/analyze-line.js';
import { detect } from '../../../src/engine/detect.js';
import { extractFields } from '../../../src/engine/fields.js';
import { compileTextPattern } from '../../../src/engine/regex.js';
import { scanColumn, type ValueEncoding } from './column-path.js';

/** The column of a detector without field names (`secret`): a name that names no PII kind. */
export const NEUTRAL_COLUMN = 'value';

/** One value of an example, as a column holds it. */
export interface ColumnValue {
  detector: Detector;
  /** The example's text. */
  text: string;
  column: string;
  /** The value as stored: what a pattern matched in the text, before normalize(). */
  value: string;
  /** What the line path reports for the value in its example; undefined for a negative example's value. */
  expected: { form: Form; sample: string } | undefined;
}

const ownSets = new Map<Detector, DetectorSet>();
const ownSet = (detector: Detector) =>
  ownSets.get(detector) ?? ownSets.set(detector, createDetectorSet([detector])).get(detector)!;

function columnOf(detector: Detector, hint: string | undefined): string {
  return hint ?? detector.fieldNames[0] ?? NEUTRAL_COLUMN;
}

/**
 * A positive example's value where the line path finds it in the example (undefined if it does not:
 * detectors.test.ts fails then).
 */
export function positiveValue(detector: Detector, example: PositiveExample): ColumnValue | undefined {
  const { text, hint } = example;
  const set = ownSet(detector);
  const match = detect(set, { text, fields: () => extractFields(text).fields, ...(hint ? { hint } : {}) }).find(
    (c) => example.value === undefined || c.value === example.value,
  );
  if (match === undefined) return undefined;
  const occurrence = analyzeLine(
    set,
    { text, line: 1, ...(hint ? { hint } : {}), template: false },
    { showValues: false, serviceField: 'service' },
  ).find((o) => o.column === match.start + 1);
  return {
    detector,
    text,
    column: columnOf(detector, hint),
    value: text.slice(match.start, match.end),
    expected: occurrence && { form: occurrence.form, sample: occurrence.sample },
  };
}

/** The values a negative example holds: whatever any of the detector's patterns matches in its text. */
export function negativeValues(detector: Detector, example: NegativeExample): ColumnValue[] {
  const values = new Set(
    detector.patterns.flatMap((p) =>
      compileTextPattern(p.regex)
        .matchAll(example.text)
        .map((m) => m.value),
    ),
  );
  return [...values].map((value) => ({
    detector,
    text: example.text,
    column: columnOf(detector, example.hint),
    value,
    expected: undefined,
  }));
}

/**
 * Ordinary values for the target's column: values its `unusualValue` does not flag, which one
 * pattern matches whole along with the target. Among them the target takes the fast path for
 * batches of one shape (whole-values.ts), where the first value's verdict stands for all unless
 * `unusualValue` flags one. All unflagged values when none is matched so (the general path).
 */
export function ordinaryValuesFor(
  set: DetectorSet,
  target: ColumnValue,
  values: readonly ColumnValue[],
): ColumnValue[] {
  const shapeOf = (...lines: string[]) => set.columnShape(Buffer.from(lines.join('\n')));
  const isTarget = (d: Detector) => d.id === target.detector.id;
  const ordinary = values.filter((o) => o.value !== target.value && ![...shapeOf(o.value).unusual].some(isTarget));
  for (const i of shapeOf(target.value).wholeLines.filter((p) => isTarget(set.patterns[p]!.detector))) {
    const alike = ordinary.filter((o) => shapeOf(o.value, target.value).wholeLines.includes(i));
    if (alike.length > 0) return alike;
  }
  return ordinary;
}

/**
 * What the column path gets wrong for a column of these values (rows in order), one line each:
 * a positive value not found with its expected form and sample, a negative one reported.
 */
export function mismatches(set: DetectorSet, rows: readonly ColumnValue[], encoding: ValueEncoding): string[] {
  const found = scanColumn({ set, column: rows[0]!.column, values: rows.map((r) => r.value), encoding });
  return rows.flatMap((row, i) => {
    const mine = found
      .filter((o) => o.line === i + 1 && o.detector === row.detector.id)
      .map((o) => `${o.form} ${o.sample}`);
    const expected = row.expected && `${row.expected.form} ${row.expected.sample}`;
    if (expected === undefined ? mine.length === 0 : mine.includes(expected)) return [];
    return [
      `row ${i + 1} ${JSON.stringify(row.value)} (${encoding}): expected ${expected ?? 'nothing'}, found [${mine.join(', ')}]`,
    ];
  });
}
