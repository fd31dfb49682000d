/**
 * Everything piiscan finds in one line: detector matches (stage two), values of PII-named fields
 * in a non-plaintext form, the line's template, and the service a JSON line names for itself.
 * Values are masked here: what leaves this module holds no raw value unless showValues is set.
 */
import type { Occurrence } from './occurrence.js';
import type { DetectorSet, LineMatch } from './detector-set.js';
import { createVerdictMemo, detect, type Candidate, type DetectInput, type Verdict } from './detect.js';
import { namedDetector, type NamedDetector } from './key-names.js';
import { extractFields, jsonFields, type Field, type LineFields } from './fields.js';
import { countLeading, LONG_LINE, longLineFieldsOf } from './long-line.js';
import { classifyStoredForm, toNamedForm, type StoredForm } from './stored-form.js';
import { toJsonTemplate, toTextTemplate } from './template.js';
import { isInsertWithColumns } from './sql-insert.js';

export interface AnalyzeOptions {
  /** Put raw values in samples instead of masked ones (`--show-values`). */
  showValues: boolean;
  /** JSON key that names the service in JSON log lines. */
  serviceField: string;
  /** Index of the allow rule that accepts a raw value, if one does. */
  allowValue?: (value: string) => number | undefined;
  /**
   * Example locations the report keeps per leak site (0: all). Past that many, equal occurrences
   * of a column may arrive as one occurrence with a count.
   */
  maxLocations?: number;
}

/** The candidate part of a stored form in a field named for a detector's kind (`email_sha256`). */
export function storedVerdict(named: NamedDetector, key: string, given: StoredForm): Verdict {
  const stored = toNamedForm(given, key);
  return {
    detector: named.detector,
    form: stored.form,
    confidence: 0.8,
    evidence: { pattern: 'field-name', context: [named.word], formReason: `${stored.reason} in field ${key}` },
  };
}

/** Candidates for PII-named fields that hold a hashed, encrypted, tokenized or masked value. */
function storedFormCandidates(set: DetectorSet, fields: Field[], matches: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const field of fields) {
    if (field.type !== 'string' && field.type !== 'text') continue;
    const named = namedDetector(set, field.key);
    if (named === undefined || overlapsAny(matches, field.start, field.end)) continue;
    const stored = classifyStoredForm(field.value);
    if (stored === undefined) continue;
    out.push({
      ...storedVerdict(named, field.key, stored),
      start: field.start,
      end: field.end,
      value: field.value,
      field,
    });
  }
  return out;
}

/** Whether a span overlaps any of `sorted` (by start, not overlapping: as detect() returns them). */
function overlapsAny(sorted: Candidate[], start: number, end: number): boolean {
  const first = countLeading(sorted, (c) => c.end <= start);
  return first < sorted.length && sorted[first]!.start < end;
}

/**
 * storedFormCandidates() for the whole values of a column named for a kind (`hint`), remembered
 * per form and reason: values with equal ones share one Verdict. Undefined: no stored form.
 */
export function createStoredJudge(named: NamedDetector, hint: string): (value: string) => Verdict | undefined {
  const verdictOf = createVerdictMemo();
  return (value) => {
    const stored = classifyStoredForm(value);
    return stored === undefined
      ? undefined
      : verdictOf(stored.form, stored.reason, '', () => storedVerdict(named, hint, stored));
  };
}

function toSample(c: Candidate, showValues: boolean): string {
  if (showValues) return c.value;
  if (c.form === 'plaintext') return c.detector.mask(c.value);
  if (c.form === 'masked') return c.value;
  return `<${c.form}>`;
}

/** A line of a file, or one value with the name of its column. */
export interface LineInput {
  text: string;
  /** Line number (files) or row number (values). */
  line: number;
  /** The text's UTF-8 bytes, when the caller has them. */
  bytes?: Buffer;
  /** Column or field name of the whole text: context, and a field for stored forms. */
  hint?: string;
  /** False for values whose site is not a log statement (database columns): no template is made. */
  template?: boolean;
}

/** The fields of a text: its own (JSON leaves, key=value pairs), or the whole text under its hint. */
function fieldsOf(input: LineInput): LineFields {
  if (input.hint === undefined) return extractFields(input.text);
  const leaves = jsonFields(input.text);
  if (leaves !== undefined) return { json: true, fields: leaves };
  return {
    json: false,
    fields: [{ key: input.hint, value: input.text, start: 0, end: input.text.length, type: 'text' }],
  };
}

/**
 * `matched`: the line's answer from DetectorSet.lineMatching, when the caller asked it already
 * (scanChunk asks every candidate line of a chunk in a row).
 */
export function analyzeLine(
  set: DetectorSet,
  input: LineInput,
  options: AnalyzeOptions,
  matched?: LineMatch,
): Occurrence[] {
  if (input.hint === undefined && input.text.length > LONG_LINE) {
    const long = longLineFieldsOf(set, input.text, input.bytes);
    const matches = detect(set, detectInputOf(input, long.fields, { fieldAt: long.fieldAt }));
    return toOccurrences(set, input, long.fields, matches, options);
  }
  const fields = lineFieldsOf(input);
  if (input.hint !== undefined)
    return toOccurrences(set, input, fields, detect(set, detectInputOf(input, fields)), options);
  // A line, not a value: fewer patterns asked of most lines (DetectorSet.lineMatching).
  const line = matched ?? set.lineMatching(input.bytes ?? input.text);
  const patterns = isInsertWithColumns(input.text) ? undefined : line.patterns;
  const matches = detect(set, detectInputOf(input, fields, { patterns }));
  return toOccurrences(set, input, fields, matches, options, line.fieldKeys);
}

/** The fields of a line, parsed on first use. */
export function lineFieldsOf(input: LineInput): () => LineFields {
  let extracted: LineFields | undefined;
  return () => (extracted ??= fieldsOf(input));
}

/** A line's detect input, with what the caller found already (`more`), in one object. */
export function detectInputOf(
  input: LineInput,
  fields: () => LineFields,
  more: Pick<DetectInput, 'fieldAt' | 'patterns'> = {},
): DetectInput {
  return {
    text: input.text,
    fields: () => fields().fields,
    bytes: input.bytes,
    hint: input.hint ? input.hint : undefined,
    fieldAt: more.fieldAt,
    patterns: more.patterns,
  };
}

/** Stage two's matches of a line, plus stored forms in PII-named fields, as masked occurrences. */
export function toOccurrences(
  set: DetectorSet,
  input: LineInput,
  lineFields: () => LineFields,
  matches: Candidate[],
  options: AnalyzeOptions,
  fieldKeys = false,
): Occurrence[] {
  const { text: line, hint } = input;
  // A value's fields and a long line's (read by the same keys, long-line.ts) are always checked; a
  // line's only when it has a PII-named key (`fieldKeys`, from DetectorSet.lineMatching).
  const stored =
    hint !== undefined || line.length > LONG_LINE || fieldKeys
      ? storedFormCandidates(set, lineFields().fields, matches)
      : [];
  const candidates = stored.length === 0 ? matches : [...matches, ...stored].sort((a, b) => a.start - b.start);
  if (candidates.length === 0) return [];
  const { json, fields } = lineFields();
  const spans = candidates.map((c) => ({
    start: c.start,
    end: c.end,
    label: c.form === 'plaintext' ? c.detector.id : `${c.detector.id}:${c.form}`,
  }));
  const template = input.template === false ? '' : json ? toJsonTemplate(fields, spans) : toTextTemplate(line, spans);
  const serviceLeaf = json
    ? fields.find((f) => f.jsonPath === `$.${options.serviceField}` && f.type === 'string')
    : undefined;
  const occurrences = candidates.map((c) => toOccurrence(c, input.line, template, options, serviceLeaf?.value));
  // A column's value (or JSON leaf) matched whole is a single token: see column-verdict.ts.
  if (input.template === false) occurrences.forEach((o, i) => (o.whole = isWholeField(candidates[i]!)));
  return occurrences;
}

/** Whether a candidate is its field's whole value (surrounding spaces aside). */
function isWholeField(c: Candidate): boolean {
  const field = c.field;
  if (field === undefined) return false;
  const lead = field.value.length - field.value.trimStart().length;
  const trail = field.value.length - field.value.trimEnd().length;
  return c.start <= field.start + lead && c.end >= field.end - trail;
}

/** One candidate as an occurrence: masked sample, location, template and the JSON path it sits at. */
export function toOccurrence(
  c: Candidate,
  line: number,
  template: string,
  options: AnalyzeOptions,
  recordService?: string,
): Occurrence {
  return {
    detector: c.detector.id,
    form: c.form,
    confidence: c.confidence,
    evidence: c.evidence,
    sample: toSample(c, options.showValues),
    line,
    column: c.start + 1,
    template,
    ...(c.field?.jsonPath ? { jsonPath: c.field.jsonPath } : {}),
    ...(recordService !== undefined ? { recordService } : {}),
    ...allowedBy(c, options),
  };
}

function allowedBy(c: Candidate, options: AnalyzeOptions): { allowedBy?: number } {
  const rule = options.allowValue?.(c.value);
  return rule === undefined ? {} : { allowedBy: rule };
}
