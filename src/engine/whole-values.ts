/**
 * The fast path for a batch of a column named for a PII kind whose values all have one shape:
 * either no pattern matches anywhere in the batch (digests, ciphertext, masks, placeholders: only
 * stored forms are possible), or one pattern of the named detector matches every value whole (an
 * email column of addresses). Two RE2 passes over the batch establish that; then each value needs
 * only its normalisation, form and validator, not RE2 calls of its own. Past the locations a
 * report keeps, equal occurrences (same detector, form and confidence) become one with a count.
 *
 * Returns undefined when the batch has no single shape (the caller takes the general path, which
 * finds the same). A value whose whole-value candidate fails validation, or could lose to another
 * pattern's candidate, is analysed alone as in the general path.
 */
import type { Detector, Occurrence } from '../types.js';
import type { DetectorSet } from './detector-set.js';
import { analyzeLine, storedFormCandidates, toOccurrence, type AnalyzeOptions } from './analyze-line.js';
import { evaluateWhole, maxConfidence, type Candidate } from './detect.js';
import type { Field } from './fields.js';
import { compilePatternTest, type PatternTest } from './regex.js';

export interface WholeValues {
  /** The values joined by newlines, as UTF-8. */
  data: Buffer;
  values: string[];
  rows: number[];
  hint: string;
}

const wholeLineTests = new WeakMap<DetectorSet, Map<number, PatternTest>>();

/** Does every line of a batch match pattern `index` whole? (One RE2 pass over the batch.) */
function everyLineMatches(set: DetectorSet, index: number, data: Buffer): boolean {
  let tests = wholeLineTests.get(set);
  if (tests === undefined) wholeLineTests.set(set, (tests = new Map()));
  let test = tests.get(index);
  if (test === undefined) {
    const source = set.patterns[index]!.spec.regex;
    tests.set(index, (test = compilePatternTest(`^(?:${source})(?:\\n(?:${source}))*$`)));
  }
  return test.test(data);
}

/** Values that parse as JSON are walked by the general path, one leaf per field. */
function looksLikeJson(value: string): boolean {
  const first = value.trimStart()[0];
  return first === '{' || first === '[';
}

/**
 * Occurrences in value order, where those of a kind (detector, form, confidence) past the first
 * `keep` are only counted, in one occurrence of the kind. Nothing is made for a counted one.
 */
function createCollector(keep: number) {
  const out: Occurrence[] = [];
  const kinds = new Map<string, { emitted: number; bulk?: Occurrence }>();
  // A column's values are mostly of one kind: the last kind is checked before the map.
  let last: { detector: string; form: string; confidence: number; kind: { emitted: number; bulk?: Occurrence } } | undefined;
  /** Adds the occurrence `make` makes, unless a kind only counts by now. */
  const add = (detector: string, form: string, confidence: number, make: () => Occurrence) => {
    if (keep === 0) return void out.push(make());
    let kind = last !== undefined && last.detector === detector && last.form === form && last.confidence === confidence ? last.kind : undefined;
    if (kind === undefined) {
      const key = `${detector}\0${form}\0${confidence}`;
      kind = kinds.get(key);
      if (kind === undefined) kinds.set(key, (kind = { emitted: 0 }));
      last = { detector, form, confidence, kind };
    }
    if (kind.emitted < keep) {
      kind.emitted++;
      out.push(make());
    } else if (kind.bulk === undefined) {
      out.push((kind.bulk = { ...make(), count: 1 }));
    } else {
      kind.bulk.count! += 1;
    }
  };
  return { out, add };
}

export function scanWholeValues(set: DetectorSet, batch: WholeValues, named: Detector, options: AnalyzeOptions): Occurrence[] | undefined {
  // Raw values checked against allow rules one by one, and JSON values, take the general path.
  if (options.allowValue !== undefined || batch.values.some(looksLikeJson)) return undefined;
  const matching = set.lineSet.matching(batch.data);
  if (matching.some((i) => set.patterns[i]!.detector !== named)) return undefined;
  // The whole-value pattern, if any: one without a `value` group that every value matches whole.
  const whole = matching.length === 0 ? undefined : matching.find((i) => !set.patterns[i]!.spec.regex.includes('(?P<value>') && everyLineMatches(set, i, batch.data));
  if (matching.length > 0 && whole === undefined) return undefined;
  const wholeSpec = whole === undefined ? undefined : set.patterns[whole]!.spec;
  // Another pattern's candidate overlaps the whole-value one; it can only win with a higher
  // confidence, or an equal one when it comes first (resolveOverlaps keeps the earlier of equals).
  const rivals = matching.filter((i) => i !== whole).map((i) => ({ index: i, best: maxConfidence(named, set.patterns[i]!.spec) }));
  const wins = (c: Candidate) => rivals.every((r) => c.confidence > r.best || (c.confidence === r.best && whole! < r.index));

  const collector = createCollector(options.maxLocations ?? 0);
  batch.values.forEach((value, i) => {
    const line = batch.rows[i]!;
    const field: Field = { key: batch.hint, value, start: 0, end: value.length, type: 'text' };
    let candidate: Candidate | undefined;
    if (wholeSpec === undefined) {
      candidate = storedFormCandidates(set, [field], [])[0];
    } else {
      candidate = evaluateWhole(named, wholeSpec, field, batch.hint);
      if (candidate === undefined || !wins(candidate)) {
        for (const o of analyzeLine(set, { text: value, line, hint: batch.hint, template: false }, options)) collector.add(o.detector, o.form, o.confidence, () => o);
        return;
      }
    }
    const found = candidate;
    if (found !== undefined) collector.add(found.detector.id, found.form, found.confidence, () => toOccurrence(found, line, '', options));
  });
  return collector.out;
}
