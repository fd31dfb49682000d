/**
 * Stage two: every detector's patterns on one line (or one value), with normalisation, required
 * context, validators and context scoring. Overlapping candidates are resolved to the strongest.
 */
import type { Detector, Evidence, Form, MatchContext, PatternSpec } from '../types.js';
import type { DetectorSet } from './detector-set.js';
import { toKeyTokens, type Field } from './fields.js';

/** Confidence added when a validator passes, and when context words are near. */
const VALIDATOR_BOOST = 0.35;
const CONTEXT_BOOST = 0.2;
const CONTEXT_WINDOW = 48;
/** A run of mask characters makes a match `masked` whatever pattern found it. */
const MASK_RUN = /[*•]{2,}/;

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
  /** Fields of the text, for hints and JSON paths. */
  fields: Field[];
  /** A field or column name for the whole text (a database column), when there is one. */
  hint?: string;
}

/** A key's words: its tokens, adjacent token pairs and the whole key (`national_insurance` → nationalinsurance). */
function toKeyWords(key: string): string[] {
  const tokens = toKeyTokens(key);
  return [...tokens, ...tokens.slice(1).map((t, i) => tokens[i] + t), tokens.join('')];
}

/** Whether a key names this detector's kind; returns the word that does. */
export function isNamedFor(detector: Detector, key: string): string | undefined {
  return toKeyWords(key).find((t) => detector.fieldNames.includes(t) || detector.contextWords.includes(t));
}

/** The detector whose field names a key names (`customer_email_sha256` → email), if any. */
export function namedDetector(set: DetectorSet, key: string): { detector: Detector; word: string } | undefined {
  for (const word of toKeyWords(key)) {
    const detector = set.fieldNames.get(word);
    if (detector) return { detector, word };
  }
  return undefined;
}

function fieldAt(fields: Field[], index: number): Field | undefined {
  return fields.find((f) => index >= f.start && index < f.end);
}

/** Whether `word` occurs in `text` at a word start (`tel` in `tel:` but not in `hotel`). */
function hasWordAt(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    if (i === 0 || !/[a-z]/.test(text[i - 1]!)) return true;
  }
  return false;
}

function contextHits(detector: Detector, before: string, key: string | undefined): string[] {
  const hits = detector.contextWords.filter((w) => hasWordAt(before, w));
  const named = key === undefined ? undefined : isNamedFor(detector, key);
  return named === undefined || hits.includes(named) ? hits : [...hits, named];
}

function evaluate(input: DetectInput, lower: string, detector: Detector, spec: PatternSpec, m: { value: string; valueIndex: number }): Candidate | undefined {
  const start = m.valueIndex;
  const end = start + m.value.length;
  const field = fieldAt(input.fields, start);
  const context: MatchContext = {
    before: lower.slice(Math.max(0, start - CONTEXT_WINDOW), start),
    after: input.text.slice(end, end + 16),
    hint: field?.key ?? input.hint,
  };
  const hits = contextHits(detector, context.before, context.hint);
  if (spec.context === 'required' && hits.length === 0) return undefined;
  const value = detector.normalize ? detector.normalize(m.value) : m.value;
  const form = spec.form ?? (MASK_RUN.test(value) ? 'masked' : 'plaintext');
  const result = form === 'plaintext' && detector.validate ? detector.validate(value, context) : { status: 'none' as const };
  if (result.status === 'invalid') return undefined;
  const confidence = Math.min(1, spec.score + (result.status === 'valid' ? VALIDATOR_BOOST : 0) + (hits.length > 0 ? CONTEXT_BOOST : 0));
  const evidence: Evidence = {
    pattern: spec.name,
    ...(result.status === 'valid' ? { validator: result.check } : {}),
    context: hits,
    formReason: spec.form === 'masked' ? 'matched a masked pattern' : form === 'masked' ? 'mask characters in the value' : 'matched in clear text',
  };
  return { detector, start, end, value, form, confidence: Math.round(confidence * 100) / 100, evidence, ...(field ? { field } : {}) };
}

/** Keeps, of overlapping candidates, the most confident (then the longest). */
export function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const ranked = [...candidates].sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of ranked) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function detect(set: DetectorSet, input: DetectInput): Candidate[] {
  const lower = input.text.toLowerCase();
  const candidates: Candidate[] = [];
  for (const index of set.lineSet.matching(input.text)) {
    const { detector, spec, pattern } = set.patterns[index]!;
    for (const m of pattern.matchAll(input.text)) {
      const c = evaluate(input, lower, detector, spec, m);
      if (c) candidates.push(c);
    }
  }
  return resolveOverlaps(candidates);
}
