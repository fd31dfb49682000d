/**
 * The fast path for a batch of a column named for a PII kind whose values all have one shape:
 * either no pattern matches anywhere in the batch (digests, ciphertext, masks, placeholders: only
 * stored forms are possible), or one pattern of the named detector matches every value whole (an
 * email column of addresses). One RE2.Set pass over the batch establishes that (columnShape;
 * a batch of digests of one length is recognised first, and then only needs the pattern set to
 * match nothing); then each value needs only its normalisation, form and validator, not RE2
 * calls of its own. Nor does it need those when the same pass finds no value that the detector
 * calls unusual (`unusualValue`), or for the digests: then one verdict is every value's. Past the
 * locations a report keeps, equal occurrences (same detector, form and confidence) become one
 * with a count.
 *
 * Returns undefined when the batch has no single shape (the caller takes the general path, which
 * finds the same). A value whose whole-value candidate fails validation, or could lose to another
 * pattern's candidate, is analysed alone as in the general path.
 *
 * Invariant: the fast path gives every value the verdict the plain path would;
 * test/engine/column/column-path-examples.test.ts mixes every example among ordinary values so that a
 * missed `unusualValue` fails.
 */
import type { Occurrence } from '../occurrence.js';
import type { DetectorSet } from '../detector-set.js';
import { analyzeLine, createStoredJudge, storedVerdict, toOccurrence, type AnalyzeOptions } from '../analyze-line.js';
import { createWholeJudge, maxConfidence, type Candidate, type Verdict } from '../detect.js';
import { isNamedFor, type NamedDetector } from '../key-names.js';
import { uniformDigest } from '../stored-form.js';
import { valuesOf, type ValuesRecord } from '../../connectors/values-record.js';

/** Values that parse as JSON are walked by the general path, one leaf per field. */
function looksLikeJson(value: string): boolean {
  const first = value.trimStart()[0];
  return first === '{' || first === '[';
}

interface Kind {
  emitted: number;
  bulk?: Occurrence;
}

/**
 * Occurrences in value order, where those of a kind (detector, form, confidence) past the first
 * `keep` are only counted, in one occurrence of the kind. Nothing is made for a counted one.
 */
function createCollector(keep: number) {
  const out: Occurrence[] = [];
  const kinds = new Map<string, Kind>();
  const kindOf = (detector: string, form: string, confidence: number): Kind => {
    const key = `${detector}\0${form}\0${confidence}`;
    let kind = kinds.get(key);
    if (kind === undefined) kinds.set(key, (kind = { emitted: 0 }));
    return kind;
  };
  /** Adds the occurrence `make` makes, unless its kind only counts by now. */
  const add = (kind: Kind, make: () => Occurrence) => {
    if (keep === 0) out.push(make());
    else if (kind.emitted < keep) {
      kind.emitted++;
      out.push(make());
    } else if (kind.bulk === undefined) out.push((kind.bulk = { ...make(), count: 1 }));
    else kind.bulk.count! += 1;
  };
  return { out, kindOf, add };
}

const NEWLINE = 0x0a;

function lineEnd(data: Buffer, start: number): number {
  const newline = data.indexOf(NEWLINE, start);
  return newline === -1 ? data.length : newline;
}

/** The occurrence of a candidate that is a value whole. */
function wholeOccurrence(candidate: Candidate, line: number, options: AnalyzeOptions): Occurrence {
  const occurrence = toOccurrence(candidate, line, '', options);
  occurrence.whole = true;
  return occurrence;
}

/**
 * Every value of a batch under one verdict: a value is only read while its occurrence is kept, then
 * they are counted.
 */
function addAlike(
  collector: ReturnType<typeof createCollector>,
  kind: Kind,
  verdict: Verdict,
  batch: ValuesRecord,
  options: AnalyzeOptions,
): void {
  for (let i = 0, start = 0; i < batch.rows.length; i++) {
    if (kind.bulk !== undefined) {
      kind.bulk.count! += batch.rows.length - i;
      return;
    }
    const end = lineEnd(batch.data, start);
    const value = batch.data.toString('utf8', start, end);
    start = end + 1;
    const candidate: Candidate = { ...verdict, start: 0, end: value.length, value };
    collector.add(kind, () => wholeOccurrence(candidate, batch.rows[i]!, options));
  }
}

export function scanWholeValues(
  set: DetectorSet,
  batch: ValuesRecord,
  named: NamedDetector,
  options: AnalyzeOptions,
): Occurrence[] | undefined {
  // Raw values checked against allow rules one by one, and JSON values, take the general path.
  if (
    options.allowValue !== undefined ||
    ((batch.data.includes(0x7b) || batch.data.includes(0x5b)) && valuesOf(batch).some(looksLikeJson))
  )
    return undefined;
  const collector = createCollector(options.maxLocations ?? 0);
  // Digests first: the check gives up at the first line unless it is hex of a digest's length.
  const digest = uniformDigest(batch.data);
  if (digest !== undefined && set.lineSet.matching(batch.data).length === 0) {
    // Every value is a digest of one length, and no pattern matches: one verdict.
    const verdict = storedVerdict(named, batch.hint, digest);
    addAlike(
      collector,
      collector.kindOf(verdict.detector.id, verdict.form, verdict.confidence),
      verdict,
      batch,
      options,
    );
    return collector.out;
  }
  const shape = set.columnShape(batch.data);
  // Another kind's pattern that needs context finds nothing in a value that the named kind's
  // pattern matches whole (no context word stands before it, and the column names another kind):
  // bare digits that only a SIN or BSN column would make one leave the fast path open.
  const matching = shape.matching.filter((i) => {
    const { detector, spec } = set.patterns[i]!;
    return detector === named.detector || spec.context !== 'required' || isNamedFor(detector, batch.hint) !== undefined;
  });
  if (matching.some((i) => set.patterns[i]!.detector !== named.detector)) return undefined;
  // The whole-value pattern, if any: one without a `value` group that every value matches whole.
  const whole = matching.find((i) => shape.wholeLines.includes(i));
  if ((matching.length > 0 || shape.matching.length > 0) && whole === undefined) return undefined;
  const wholeSpec = whole === undefined ? undefined : set.patterns[whole]!.spec;
  // Another pattern's candidate overlaps the whole-value one; it can only win with a higher
  // confidence, or an equal one when it comes first (resolveOverlaps keeps the earlier of equals).
  const rivals = matching
    .filter((i) => i !== whole)
    .map((i) => ({ index: i, best: maxConfidence(named.detector, set.patterns[i]!.spec) }));
  const wins = (v: Verdict) =>
    rivals.every((r) => v.confidence > r.best || (v.confidence === r.best && whole! < r.index));
  const judge =
    wholeSpec !== undefined
      ? createWholeJudge(named.detector, wholeSpec, batch.hint)
      : createStoredJudge(named, batch.hint);
  // Every value matches the pattern whole, and none is one that the detector's normalisation or
  // validator could treat unlike the others: the first value's verdict is every value's.
  if (wholeSpec !== undefined && named.detector.unusualValue !== undefined && !shape.unusual.has(named.detector)) {
    const verdict = judge(batch.data.toString('utf8', 0, lineEnd(batch.data, 0)));
    if (verdict !== undefined && wins(verdict)) {
      addAlike(
        collector,
        collector.kindOf(verdict.detector.id, verdict.form, verdict.confidence),
        verdict,
        batch,
        options,
      );
      return collector.out;
    }
  }
  const normalize = (wholeSpec !== undefined && named.detector.normalize) || ((value: string) => value);

  // Per verdict: the collector's kind, or null when a rival pattern could win (analysed alone).
  const kinds = new Map<Verdict, Kind | null>();
  let last: { verdict: Verdict; kind: Kind | null } | undefined;
  const kindFor = (verdict: Verdict): Kind | null => {
    if (last?.verdict === verdict) return last.kind;
    let kind = kinds.get(verdict);
    if (kind === undefined)
      kinds.set(
        verdict,
        (kind =
          wholeSpec === undefined || wins(verdict)
            ? collector.kindOf(verdict.detector.id, verdict.form, verdict.confidence)
            : null),
      );
    last = { verdict, kind };
    return kind;
  };
  valuesOf(batch).forEach((value, i) => {
    const line = batch.rows[i]!;
    const verdict = judge(value);
    if (verdict === undefined && wholeSpec === undefined) return; // no stored form: not a finding
    const kind = verdict === undefined ? null : kindFor(verdict);
    if (verdict === undefined || kind === null) {
      for (const o of analyzeLine(set, { text: value, line, hint: batch.hint, template: false }, options))
        collector.add(collector.kindOf(o.detector, o.form, o.confidence), () => o);
      return;
    }
    if (kind.bulk !== undefined) kind.bulk.count! += 1;
    else {
      const candidate: Candidate = { ...verdict, start: 0, end: value.length, value: normalize(value) };
      collector.add(kind, () => wholeOccurrence(candidate, line, options));
    }
  });
  return collector.out;
}
