/**
 * Detectors compiled for a scan: each pattern for per-line matching, and the union of all of them
 * (plus field names that announce a stored PII value) as one byte scanner that finds candidate
 * lines in a chunk with a single pass.
 */
import type { Detector, PatternSpec } from '../types.js';
import { compileByteScanner, compilePatternSet, compilePatternTest, compileTextPattern, type ByteScanner, type PatternSet, type PatternTest, type TextPattern } from './regex.js';

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
  /** The RE2 sources the scanner is the union of (the benchmark gives them to ripgrep). */
  sources: string[];
  /** Stage two: which of `patterns` match a candidate line, so only those run. */
  lineSet: PatternSet;
  /** Field name word → the detector it names (first detector wins on a shared word). */
  fieldNames: Map<string, Detector>;
  /** Does a line have a key named for a PII kind (then its fields are checked for stored forms)? */
  fieldKeys: PatternTest;
  /** Per detector with `unusualValue`: does a batch of whole values hold one it names, or a run of mask characters? */
  unusualValues: Map<Detector, PatternTest>;
}

/** Two mask characters in a row: what makes a match `masked` (detect.ts). */
const MASK_RUN = '[*•]{2}';

/**
 * Words as one RE2 alternation that only matches at a word start: after a non-letter (`_`, `.`,
 * `"`, a space, a line start: never the newline before it, or the line before would be the
 * candidate) or, for camelCase keys, capitalised after a lowercase letter or
 * digit. Spaces in a word also match `_` and `-`. So `pan` matches `pan=` and `cardPan` but not
 * `span_id`. The boundary is factored out of the words so RE2's DFA stays small.
 */
export function toWordStartSource(words: readonly string[]): string {
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ _-]');
  const unique = [...new Set(words)];
  const lower = unique.map(escape).join('|');
  const capitalised = unique.map((w) => escape(w.charAt(0).toUpperCase() + w.slice(1))).join('|');
  return `(?:(?:(?m:^)|[^A-Za-z\n])(?i:${lower})|[a-z0-9](?:${capitalised}))`;
}

// Unbounded repetition ([^0-9\n]*, [\w.-]*) on purpose: counted repetition multiplies RE2's DFA
// states until it falls back to its slow NFA. Stage two applies the real distance limits.

/** Union source for a pattern that needs context: a context word before the value, on the same line. */
function withContextPrefix(detector: Detector, spec: PatternSpec): string {
  return String.raw`${toWordStartSource([...detector.contextWords, ...detector.fieldNames])}[^0-9\n]*(?:${spec.regex})`;
}

/** Union source for fields named for a PII kind whose value may be hashed, encrypted or masked. */
function fieldSource(detectors: readonly Detector[]): string | undefined {
  const words = detectors.flatMap((d) => d.fieldNames);
  return words.length === 0 ? undefined : String.raw`${toWordStartSource(words)}[\w.-]*["']?\s*[:=]\s*["']?[A-Za-z0-9+/=$._:*•-]{3}`;
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
  const sources = patterns.map(({ detector, spec }) => (spec.context === 'required' ? withContextPrefix(detector, spec) : (spec.prefilter ?? spec.regex)));
  const fields = fieldSource(detectors);
  if (fields !== undefined) sources.push(fields);
  const fieldNames = toFieldNames(detectors);
  const fieldKeys = compilePatternTest(fields ?? '$.^');
  const unusualValues = new Map(detectors.filter((d) => d.unusualValue !== undefined).map((d) => [d, compilePatternTest(`(?:${d.unusualValue})|${MASK_RUN}`)]));
  return { detectors, patterns, scanner: compileByteScanner(sources), sources, lineSet: compilePatternSet(patterns.map((p) => p.spec.regex)), fieldNames, fieldKeys, unusualValues };
}
