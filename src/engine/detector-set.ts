/**
 * Detectors compiled for a scan: each pattern for per-line matching, and the union of all of them
 * (plus field names that announce a stored PII value) as one byte scanner that finds candidate
 * lines in a chunk with a single pass.
 */
import type { Detector, PatternSpec } from './detector.js';
import { MASK_RUN } from './detect.js';
import {
  compileByteScanner,
  compilePatternSet,
  compileTextPattern,
  type ByteScanner,
  type PatternSet,
  type TextPattern,
  toLooseSource,
  toUnionSource,
} from './regex.js';

export interface CompiledPattern {
  detector: Detector;
  spec: PatternSpec;
  pattern: TextPattern;
}

export interface DetectorSet {
  detectors: readonly Detector[];
  patterns: CompiledPattern[];
  /** Stage one: finds the next byte offset where any pattern or PII-named field may start. */
  scanner: ByteScanner;
  /**
   * The RE2 sources the scanner searches for: the self-contained patterns, then the gapped ones
   * (a word, a gap, a value). The scanner searches them as one union, these groups apart once that
   * is slow; the benchmark times each group and gives them all to ripgrep as one alternation.
   */
  scannerGroups: string[][];
  /** Stage two: which of `patterns` match a text, so only those run (a column's values, with its name). */
  lineSet: PatternSet;
  /** The same for a text without a column name (a line), in fewer passes: see compileLineMatching. */
  lineMatching(text: string | Buffer): LineMatch;
  /** Field name word → the detector it names (first detector wins on a shared word). */
  fieldNames: Map<string, Detector>;
  /** Keys named for a PII kind, as matches: where a long line's PII-named fields are (long-line.ts). */
  fieldKeyPattern: TextPattern;
  /** One pass over a batch of a column's values (a value a line): see {@link ColumnShape}. */
  columnShape(data: Buffer): ColumnShape;
}

/**
 * Which patterns match a line, and whether it has a key named for a PII kind (`fieldKeys`: then its
 * fields are checked for stored forms).
 */
export interface LineMatch {
  patterns: number[];
  fieldKeys: boolean;
}

/** What one RE2.Set pass over a batch of a column's values (a value a line) says of it. */
export interface ColumnShape {
  /** Indexes (into `patterns`) of the patterns that match somewhere in the batch, in ascending order. */
  matching: number[];
  /** Of those, the patterns without a `value` group that match every line whole. */
  wholeLines: number[];
  /** Detectors whose `unusualValue`, or a run of mask characters, matches in some line. */
  unusual: Set<Detector>;
}

/**
 * A column's shape in one pass: one RE2.Set holds every pattern, every pattern without a value
 * group as `\A(?:p)(?:\n(?:p))*\z` (every line matches it whole), and every detector's
 * unusualValue. On a batch of addresses or phone numbers it costs less than three passes (the
 * patterns, the whole lines, the unusual values); on hex digests it costs more than the pattern
 * set alone, so whole-values.ts asks it only of batches that are not digests.
 */
function compileColumnShape(
  detectors: readonly Detector[],
  patterns: readonly CompiledPattern[],
): (data: Buffer) => ColumnShape {
  const whole = patterns.flatMap((p, i) => (p.spec.regex.includes('(?P<value>') ? [] : [i]));
  const unusual = detectors.filter((d) => d.unusualValue !== undefined);
  // Compiled on first use: a thread that scans no named column never needs it.
  let set: PatternSet | undefined;
  const compile = () =>
    compilePatternSet([
      ...patterns.map((p) => p.spec.regex),
      ...whole.map((i) => String.raw`\A(?:${patterns[i]!.spec.regex})(?:\n(?:${patterns[i]!.spec.regex}))*\z`),
      ...unusual.map((d) => `(?:${d.unusualValue})|${MASK_RUN.source}`),
    ]);
  const wholeFrom = patterns.length;
  const unusualFrom = wholeFrom + whole.length;
  return (data) => {
    const shape: ColumnShape = { matching: [], wholeLines: [], unusual: new Set() };
    for (const i of (set ??= compile()).matching(data)) {
      if (i < wholeFrom) shape.matching.push(i);
      else if (i < unusualFrom) shape.wholeLines.push(whole[i - wholeFrom]!);
      else shape.unusual.add(unusual[i - unusualFrom]!);
    }
    shape.matching.sort((a, b) => a - b);
    return shape;
  };
}

/**
 * Words as one RE2 alternation that only matches where stage two's key tokens start (toKeyTokens):
 * after a character that is neither letter nor digit (`_`, `.`, `"`, a space, a line start: never
 * the newline before it, or the line before would be the candidate) or, for camelCase keys,
 * capitalised after a lowercase letter or digit. Spaces in a word also match `_` and `-`. So `pan`
 * matches `pan=` and `cardPan` but not `span_id`, and `cc` not inside a hex id (`3cc5f0`): a word
 * opened there kept a thread alive through the id beside every digit pattern's, which cost stage
 * one's union more than all its other words. The boundary is factored out of the words so RE2's
 * DFA stays small.
 */
export function toWordStartSource(words: readonly string[]): string {
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ _-]');
  const unique = [...new Set(words)];
  const lower = unique.map(escape).join('|');
  const capitalised = unique.map((w) => escape(w.charAt(0).toUpperCase() + w.slice(1))).join('|');
  return `(?:(?:(?m:^)|[^A-Za-z0-9\n])(?i:${lower})|[a-z0-9](?:${capitalised}))`;
}

// Unbounded repetition ([^0-9\n]*, [\w.-]*) on purpose: counted repetition multiplies RE2's DFA
// states until it falls back to its slow NFA. Stage two applies the real distance limits.
//
// A gapped pattern (a word, anything up to the line's end, a value) keeps its thread alive to the
// end of every line that holds its word, so in one union with the self-contained patterns the
// DFA's states become the product of both kinds' states. With one gapped pattern for every kind
// (below) and words that start only at tokens, one union still fits and costs less than two
// passes; where the text it meets makes it slow, the scanner splits it into the two groups
// (compileByteScanner, docs/performance.md).

/**
 * Union sources for the patterns that need context: a context word before the value, on the same
 * line. One pattern for all of them, any detector's word before any detector's value, rather than
 * one per detector: one thread per detector alive after its word made the DFA's states the sets of
 * detectors whose words a line had shown, which varied text builds anew at every line, while one
 * thread keeps them few. A word of one kind before a value of another makes a line a candidate
 * that stage two then drops. A value that is any character (a name after its word) needs no gap.
 */
function contextSources(patterns: readonly CompiledPattern[]): string[] {
  const required = patterns.filter((p) => p.spec.context === 'required');
  const wordsOf = (list: readonly CompiledPattern[]) =>
    toWordStartSource([...new Set(list.flatMap(({ detector }) => [...detector.contextWords, ...detector.fieldNames]))]);
  const valueOf = (p: CompiledPattern) => toLooseSource(p.spec.prefilter ?? p.spec.regex);
  const anyValue = required.filter((p) => valueOf(p) === '.');
  const valued = required.filter((p) => valueOf(p) !== '.');
  const values = [...new Set(valued.map(valueOf))].map((v) => `(?:${v})`).join('|');
  return [
    ...(valued.length === 0 ? [] : [String.raw`${wordsOf(valued)}[^0-9\n]*(?:${values})`]),
    ...(anyValue.length === 0 ? [] : [`${wordsOf(anyValue)}.`]),
  ];
}

/** Union source for fields named for a PII kind whose value may be hashed, encrypted or masked. */
function fieldSource(detectors: readonly Detector[]): string | undefined {
  const words = detectors.flatMap((d) => d.fieldNames);
  return words.length === 0
    ? undefined
    : String.raw`${toWordStartSource(words)}[\w.-]*["']?\s*[:=]\s*["']?[A-Za-z0-9+/=$._:*•-]{3}`;
}

/**
 * A pattern's test in the line set: its prefilter for a masked form (the mask run it pins is
 * found cheaply, where the full pattern's digits open a thread at every timestamp of every line),
 * else the pattern itself.
 */
function lineSetSource(spec: PatternSpec): string {
  return spec.form === 'masked' && spec.prefilter !== undefined ? spec.prefilter : spec.regex;
}

/**
 * Which of `patterns` match a line (a text without a column name), ascending, and whether it has a
 * PII-named key. A pattern that needs a context word yields a candidate only on a line where stage
 * one's context search (a word, then a value: `context`) matches, and on most candidate lines it
 * does not; yet such patterns (a capitalised word, five digits) match nearly every line. So they
 * sit in a set of their own, asked only of lines the context search matches. The context search
 * and the key search (`fields`) close the other patterns' set: one pass over a line answers all
 * three questions (words start only at tokens, so their threads do not multiply the set's states).
 * Stage one flags a line by the same context search, so a line's findings do not depend on whether
 * another pattern made it a candidate.
 */
function compileLineMatching(
  patterns: readonly CompiledPattern[],
  context: readonly string[],
  fields: string | undefined,
): (text: string | Buffer) => LineMatch {
  const indexes = patterns.map((_, i) => i);
  const required = indexes.filter((i) => patterns[i]!.spec.context === 'required');
  const free = indexes.filter((i) => patterns[i]!.spec.context !== 'required');
  const sourceOf = (i: number) => toLooseSource(lineSetSource(patterns[i]!.spec));
  const requiredSet = compilePatternSet(required.map(sourceOf));
  // After the free patterns, the context search, then the keys (a search that can never match
  // stands in for one not needed).
  const contextAt = free.length;
  const keysAt = free.length + 1;
  const freeSet = compilePatternSet([
    ...free.map(sourceOf),
    required.length > 0 && context.length > 0 ? toUnionSource(context) : '$.^',
    fields ?? '$.^',
  ]);
  return (text) => {
    const patterns: number[] = [];
    let inContext = false;
    let fieldKeys = false;
    for (const i of freeSet.matching(text)) {
      if (i < contextAt) patterns.push(free[i]!);
      else if (i === contextAt) inContext = true;
      else if (i === keysAt) fieldKeys = true;
    }
    if (inContext) {
      for (const i of requiredSet.matching(text)) patterns.push(required[i]!);
      patterns.sort((a, b) => a - b);
    }
    return { patterns, fieldKeys };
  };
}

/** Field name word → the detector it names (first detector wins on a shared word). */
export function toFieldNames(detectors: readonly Detector[]): Map<string, Detector> {
  const fieldNames = new Map<string, Detector>();
  for (const d of detectors) for (const word of d.fieldNames) if (!fieldNames.has(word)) fieldNames.set(word, d);
  return fieldNames;
}

export function createDetectorSet(detectors: readonly Detector[]): DetectorSet {
  const patterns = detectors.flatMap((detector) =>
    detector.patterns.map((spec) => ({ detector, spec, pattern: compileTextPattern(spec.regex) })),
  );
  const bounded = patterns.flatMap(({ spec }) =>
    spec.context === 'required' ? [] : [toLooseSource(spec.prefilter ?? spec.regex)],
  );
  const context = contextSources(patterns);
  const fields = fieldSource(detectors);
  const gapped = fields === undefined ? context : [...context, fields];
  const fieldNames = toFieldNames(detectors);
  return {
    detectors,
    patterns,
    scanner: compileByteScanner([bounded, gapped]),
    scannerGroups: [bounded, gapped],
    lineSet: compilePatternSet(patterns.map((p) => toLooseSource(lineSetSource(p.spec)))),
    lineMatching: compileLineMatching(patterns, context, fields),
    fieldNames,
    fieldKeyPattern: compileTextPattern(fields ?? '$.^'),
    columnShape: compileColumnShape(detectors, patterns),
  };
}
