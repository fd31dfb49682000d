/**
 * Stage two: every detector's patterns on one line (or one value), with normalisation, required
 * context, validators and context scoring. Overlapping candidates are resolved to the strongest.
 */
import type { Detector, Form, MatchContext, PatternSpec, ValidationResult } from './detector.js';
import type { Evidence } from './occurrence.js';
import type { DetectorSet } from './detector-set.js';
import { findContextWords, isQuantity, mayHoldContextWords, windowBefore } from './context-words.js';
import type { Field } from './fields.js';
import { keyBefore } from './key-before.js';
import { insertKeyBefore } from './sql-insert.js';
import { isNamedFor, namedDetector, namesOtherKind, namesOtherThing } from './key-names.js';

/** Confidence added when a validator passes, and when context words are near. */
const VALIDATOR_BOOST = 0.35;
const CONTEXT_BOOST = 0.2;
/** A run of mask characters makes a match `masked` whatever pattern found it (also valid RE2: see columnShape). */
export const MASK_RUN = /[*•]{2,}/;
const NO_OPINION: ValidationResult = { status: 'none' };

/** A match that survived validation; `value` is the normalized raw value and never leaves the engine. */
export interface Candidate {
  detector: Detector;
  start: number;
  end: number;
  value: string;
  form: Form;
  confidence: number;
  evidence: Evidence;
  field?: Field;
}

export interface DetectInput {
  text: string;
  /** Fields of the text, for hints and JSON paths; called only when a match survives validation. */
  fields: () => Field[];
  /** A field or column name for the whole text (a database column), when there is one. */
  hint?: string;
  /** The text as UTF-8 bytes, when the caller has them (saves RE2 a conversion). */
  bytes?: Buffer;
  /** The field holding an index, when the caller finds it without reading every field (long lines). */
  fieldAt?: (index: number) => Field | undefined;
  /** Indexes of the patterns matching the text, when the caller has asked (lineMatching); else the set is asked. */
  patterns?: readonly number[];
}

function fieldAt(fields: Field[], index: number): Field | undefined {
  return fields.find((f) => index >= f.start && index < f.end);
}

const contextWordsOf = new WeakMap<Detector, string[]>();

/** A detector's context words and field names: either, written before a match, is context. */
function wordsOf(detector: Detector): string[] {
  let words = contextWordsOf.get(detector);
  if (words === undefined)
    contextWordsOf.set(detector, (words = [...new Set([...detector.contextWords, ...detector.fieldNames])]));
  return words;
}

/** Context words in the text before a match (original case: see context-words.ts) and in its field's key. */
function contextHits(detector: Detector, before: string, key: string | undefined): string[] {
  const hits = findContextWords(wordsOf(detector), before);
  const named = key === undefined ? undefined : isNamedFor(detector, key);
  return named === undefined || hits.includes(named) ? hits : [...hits, named];
}

/** Digit groups of the value a match continues (`tax_id_de="02 ` before `079 460 958`). */
const LEADING_GROUPS = /(?:\d+[ ./-])+$/;

/**
 * Whether the key right before a match, or before the digit groups of the value it ends, says
 * the value is not this detector's: it names another kind (for a detector that yields to named
 * keys), or another thing of its column rule (`build=`, `customer_no=`) with no context word of
 * its own nearer (`Aadhaar No:`).
 */
function isUnderOtherKey(set: DetectorSet, detector: Detector, before: string): boolean {
  const key =
    keyBefore(before) ??
    // Only a digit and a separator at the end can start the groups: most texts are settled here.
    (/\d[ ./-]$/.test(before.slice(-2)) ? keyBefore(before.replace(LEADING_GROUPS, '')) : undefined);
  if (key === undefined) return false;
  if (detector.yieldsToNamedKeys && namesOtherKind(set, detector, key)) return true;
  return namesOtherThing(set, detector, key) && findContextWords(wordsOf(detector), before).length === 0;
}

/** Whether the key right before a match names `detector`'s kind, before any other (see MatchContext). */
function keyNamesKind(set: DetectorSet, detector: Detector, before: string): boolean {
  const key = keyBefore(before);
  return key !== undefined && namedDetector(set, key)?.detector === detector;
}

/** A pattern's score, raised by a validator that passed and by context found, to two decimals. */
function confidenceOf(spec: PatternSpec, validated: boolean, inContext: boolean): number {
  return (
    Math.round(Math.min(1, spec.score + (validated ? VALIDATOR_BOOST : 0) + (inContext ? CONTEXT_BOOST : 0)) * 100) /
    100
  );
}

/** What a candidate's form, validator verdict and context words make of its confidence and evidence. */
function judged(
  spec: PatternSpec,
  form: Form,
  result: ValidationResult,
  hits: string[],
): { confidence: number; evidence: Evidence } {
  const formReason =
    spec.form === 'masked'
      ? 'matched a masked pattern'
      : form === 'masked'
        ? 'mask characters in the value'
        : 'matched in clear text';
  // Built without spreads (spreads are slow on this hot path); the key order is the report's.
  const evidence: Evidence =
    result.status === 'valid'
      ? { pattern: spec.name, validator: result.check, context: hits, formReason }
      : { pattern: spec.name, context: hits, formReason };
  return { confidence: confidenceOf(spec, result.status === 'valid', hits.length > 0), evidence };
}

function evaluate(
  set: DetectorSet,
  input: DetectInput,
  detector: Detector,
  spec: PatternSpec,
  m: { value: string; valueIndex: number },
): Candidate | undefined {
  // (m.valueIndex is relative to input.text.)
  const start = m.valueIndex;
  const end = start + m.value.length;
  const before = insertKeyBefore(input.text, start) ?? windowBefore(input.text, start);
  const context: MatchContext = {
    before: before.toLowerCase(),
    after: input.text.slice(end, end + 16),
    hint: input.hint,
    keyNamesKind: () => keyNamesKind(set, detector, before),
  };
  const value = detector.normalize ? detector.normalize(m.value) : m.value;
  const form = spec.form ?? (MASK_RUN.test(value) ? 'masked' : 'plaintext');
  // Validate before looking at fields: most candidates that fail do so here, and fields cost more.
  const needsContext = spec.context === 'required';
  let result =
    needsContext || form !== 'plaintext' || !detector.validate ? NO_OPINION : detector.validate(value, context);
  if (result.status === 'invalid') return undefined;
  if ((detector.yieldsToNamedKeys || detector.column) && isUnderOtherKey(set, detector, before)) return undefined;
  // A required context word is looked for before the match (where a JSON key or `key=` sits)
  // and in the record's hint; fields are only read once that is settled.
  if (needsContext && (isQuantity(context.after) || contextHits(detector, before, input.hint).length === 0))
    return undefined;
  const field = input.fieldAt ? input.fieldAt(start) : fieldAt(input.fields(), start);
  const hits = contextHits(detector, before, field?.key ?? input.hint);
  if (needsContext) {
    if (form === 'plaintext' && detector.validate) result = detector.validate(value, context);
    if (result.status === 'invalid') return undefined;
  }
  const { confidence, evidence } = judged(spec, form, result, hits);
  const candidate: Candidate = { detector, start, end, value, form, confidence, evidence };
  if (field) candidate.field = field;
  return candidate;
}

/** What the values of a column with equal verdicts share: a candidate without its value and place. */
export interface Verdict {
  detector: Detector;
  form: Form;
  confidence: number;
  evidence: Evidence;
}

/**
 * evaluate() for values that a pattern matches whole under a column name (`hint`): nothing stands
 * before a match or after it, so only the value's form and its validator's verdict vary, and
 * values with equal ones share one Verdict (returned again, not rebuilt). Undefined: the value
 * fails, as evaluate() would drop it.
 */
export function createWholeJudge(
  detector: Detector,
  spec: PatternSpec,
  hint: string,
): (raw: string) => Verdict | undefined {
  const context: MatchContext = { before: '', after: '', hint };
  const hits = contextHits(detector, '', hint);
  if (spec.context === 'required' && hits.length === 0) return () => undefined;
  const verdictOf = createVerdictMemo();
  return (raw) => {
    const value = detector.normalize ? detector.normalize(raw) : raw;
    const form = spec.form ?? (MASK_RUN.test(value) ? 'masked' : 'plaintext');
    const result = form !== 'plaintext' || !detector.validate ? NO_OPINION : detector.validate(value, context);
    if (result.status === 'invalid') return undefined;
    const check = result.status === 'valid' ? result.check : '';
    return verdictOf(form, result.status, check, () => ({ detector, form, ...judged(spec, form, result, hits) }));
  };
}

/**
 * Verdicts remembered by the (up to three) things that decide them: equal ones give the Verdict
 * `make` made first. A column's values mostly repeat the last verdict, which is checked without
 * building a key.
 */
export function createVerdictMemo(): (a: string, b: string, c: string, make: () => Verdict) => Verdict {
  const verdicts = new Map<string, Verdict>();
  let last: { a: string; b: string; c: string; verdict: Verdict } | undefined;
  return (a, b, c, make) => {
    if (last !== undefined && last.a === a && last.b === b && last.c === c) return last.verdict;
    const key = `${a}\0${b}\0${c}`;
    let verdict = verdicts.get(key);
    if (verdict === undefined) verdicts.set(key, (verdict = make()));
    last = { a, b, c, verdict };
    return verdict;
  };
}

/** The highest confidence a pattern's candidates can reach (validator passed, context found). */
export function maxConfidence(detector: Detector, spec: PatternSpec): number {
  return confidenceOf(spec, detector.validate !== undefined, true);
}

/**
 * Keeps, of overlapping candidates, the most confident (then the longest). Only candidates that
 * overlap compete, so each run of them is settled alone: a long line with many matches costs
 * their sort, not their number squared.
 */
export function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const byStart = [...candidates].sort((a, b) => a.start - b.start);
  const kept: Candidate[] = [];
  for (let i = 0; i < byStart.length;) {
    let j = i + 1;
    for (let end = byStart[i]!.end; j < byStart.length && byStart[j]!.start < end; j++)
      end = Math.max(end, byStart[j]!.end);
    if (j === i + 1) kept.push(byStart[i]!);
    else for (const c of resolveRun(byStart.slice(i, j))) kept.push(c);
    i = j;
  }
  return kept;
}

function resolveRun(candidates: Candidate[]): Candidate[] {
  const ranked = [...candidates].sort(
    (a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of ranked) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function detect(set: DetectorSet, input: DetectInput): Candidate[] {
  const candidates: Candidate[] = [];
  for (const index of input.patterns ?? set.lineSet.matching(input.bytes ?? input.text)) {
    const { detector, spec, pattern } = set.patterns[index]!;
    // Without a hint, a required context word must stand in the text before the match: a text
    // with none anywhere is settled without running the pattern (matching a loose pattern such
    // as a capitalised name costs more than this test).
    if (spec.context === 'required' && input.hint === undefined && !mayHoldContextWords(wordsOf(detector), input.text))
      continue;
    for (const m of pattern.matchAll(input.text, input.bytes)) {
      const c = evaluate(set, input, detector, spec, m);
      if (c) candidates.push(c);
    }
  }
  return resolveOverlaps(candidates);
}

/** A batch of values (one column's), joined by newlines into one text, for {@link detectValues}. */
export interface ValueBatch {
  text: string;
  /** Where each value starts in `text`; value i ends one before `starts[i + 1]` (its newline). */
  starts: number[];
  /** The detect input of value i (its text, hint and fields). */
  inputOf(i: number): DetectInput;
}

/**
 * Values per RE2 call in {@link detectValues}. node-re2 finds a match's UTF-16 offset by counting
 * from the text's start, so a call's cost grows with text length times matches: a few dozen short
 * values per call cost much less than one call per value, while thousands cost more again.
 */
const VALUES_PER_CALL = 32;

/**
 * detect() for every value of a batch, one RE2 call per pattern for each few dozen values rather
 * than one per value. Returns each value's candidates, or undefined for a value that a match ran
 * across (into the next value, through the newline): the caller detects that value alone.
 */
export function detectValues(set: DetectorSet, batch: ValueBatch): Array<Candidate[] | undefined> {
  const { text, starts } = batch;
  const found: Candidate[][] = starts.map(() => []);
  const inputs: DetectInput[] = [];
  const crossed = new Set<number>();
  const endOf = (v: number) => (v + 1 < starts.length ? starts[v + 1]! - 1 : text.length);
  for (let first = 0; first < starts.length; first += VALUES_PER_CALL) {
    const last = Math.min(starts.length, first + VALUES_PER_CALL) - 1;
    const offset = starts[first]!;
    const part = text.slice(offset, endOf(last));
    for (const index of set.lineSet.matching(part)) {
      const { detector, spec, pattern } = set.patterns[index]!;
      let v = first;
      for (const m of pattern.matchAll(part)) {
        const matchStart = offset + m.index;
        while (v < last && starts[v + 1]! <= matchStart) v++;
        const matchEnd = matchStart + m.text.length;
        if (matchEnd > endOf(v)) {
          for (let w = v; w <= last && starts[w]! < matchEnd; w++) crossed.add(w);
          continue;
        }
        const input = (inputs[v] ??= batch.inputOf(v));
        const c = evaluate(set, input, detector, spec, {
          value: m.value,
          valueIndex: offset + m.valueIndex - starts[v]!,
        });
        if (c) found[v]!.push(c);
      }
    }
  }
  return found.map((candidates, v) =>
    crossed.has(v) ? undefined : candidates.length < 2 ? candidates : resolveOverlaps(candidates),
  );
}
