/**
 * The one seam to the regex engine. Every pattern piiscan runs (built-in detectors and, later,
 * patterns from the config) goes through RE2, so matching time is linear in the input whatever
 * the input or the pattern: no catastrophic backtracking, no lookbehind, no backreferences.
 */
import RE2 from 're2';

/** A match in a string, with offsets in UTF-16 code units. */
export interface TextMatch {
  /** The whole match. */
  text: string;
  index: number;
  /** The `value` group when the pattern has one, else the whole match. */
  value: string;
  valueIndex: number;
}

/** A compiled pattern for strings. */
export interface TextPattern {
  /**
   * Every match in `text`. `bytes` may be the text's UTF-8 when the caller has it: RE2 runs on
   * bytes either way, and a string given alone is encoded once here.
   */
  matchAll(text: string, bytes?: Buffer): TextMatch[];
}

/**
 * UTF-16 offsets of byte offsets in `bytes` (the UTF-8 of `text`), asked in ascending order:
 * the same numbers for ASCII text, else counted from the last offset asked.
 */
function createOffsetMap(text: string, bytes: Buffer): (byteOffset: number) => number {
  if (bytes.length === text.length) return (offset) => offset;
  let lastByte = 0;
  let lastUnit = 0;
  return (offset) => {
    if (offset < lastByte) [lastByte, lastUnit] = [0, 0];
    lastUnit += bytes.toString('utf8', lastByte, offset).length;
    lastByte = offset;
    return lastUnit;
  };
}

/**
 * Compiles an RE2 pattern for use on strings; throws with RE2's message on bad syntax. Matching
 * runs over the UTF-8 bytes with an `exec` loop: node-re2 encodes a string argument anew on
 * every call and `replace` builds the whole replaced string, which cost several times the search
 * on a log line. Offsets come back in UTF-16 code units.
 */
export function compileTextPattern(source: string): TextPattern {
  const re = new RE2(source, 'gdu');
  return {
    matchAll(text, given) {
      // Bytes that decode to as many code units as they have are ASCII (or stray bytes each shown
      // as one U+FFFD): offsets are the same. Others are encoded from the text, to agree with it.
      const bytes = given !== undefined && given.length === text.length ? given : Buffer.from(text);
      const out: TextMatch[] = [];
      const unitAt = createOffsetMap(text, bytes);
      re.lastIndex = 0;
      for (let m = re.exec(bytes); m !== null; m = re.exec(bytes)) {
        const [start, end] = m.indices![0]!;
        if (end === start) re.lastIndex = end + 1;
        // Offsets are mapped in ascending order: the match's start, its value's, then its end.
        const index = unitAt(start);
        const value = m.indices!.groups?.['value'];
        const valueIndex = value === undefined ? index : unitAt(value[0]);
        const valueEnd = value === undefined ? undefined : unitAt(value[1]);
        const match = text.slice(index, unitAt(end));
        out.push({ text: match, index, value: valueEnd === undefined ? match : text.slice(valueIndex, valueEnd), valueIndex });
      }
      return out;
    },
  };
}

/** A search over raw bytes (UTF-8 lines) that only says where the next candidate starts. */
export interface ByteScanner {
  /** Byte offset of the next match at or after `from`, or -1. */
  next(buffer: Buffer, from: number): number;
}

/**
 * Compiles the union of many patterns into one byte scanner (one pass of RE2's DFA over the
 * bytes). Named groups become non-capturing ones, and each alternative is wrapped so its inline
 * flags stay its own.
 */
export function compileByteScanner(sources: string[]): ByteScanner {
  const re = new RE2(toUnionSource(sources), 'g');
  return {
    next(buffer, from) {
      re.lastIndex = from;
      const m = re.exec(buffer);
      return m === null ? -1 : m.index;
    },
  };
}

/** A yes/no test of one pattern. */
export interface PatternTest {
  test(text: string | Buffer): boolean;
}

export function compilePatternTest(source: string): PatternTest {
  const re = new RE2(toNonCapturing(source), 'u');
  return { test: (text) => re.test(text) };
}

/** Which of many patterns match a text, in one pass. */
export interface PatternSet {
  /** Indexes (into the sources given) of the patterns that match somewhere in `text`. Bytes (UTF-8) are cheaper than a string. */
  matching(text: string | Buffer): number[];
}

export function compilePatternSet(sources: readonly string[]): PatternSet {
  const set = new RE2.Set(sources.map(toNonCapturing), 'u');
  return { matching: (text) => set.match(text) };
}

/** One alternation of many patterns, without capture groups (also valid for ripgrep). */
export function toUnionSource(sources: readonly string[]): string {
  return sources.map((s) => `(?:${toNonCapturing(s)})`).join('|');
}

/** Checks RE2 syntax; returns RE2's message, or undefined when the pattern compiles. */
export function checkPattern(source: string): string | undefined {
  try {
    new RE2(source, 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Detector patterns use `(?:` groups only, plus named groups, which become `(?:` here. */
function toNonCapturing(source: string): string {
  return source.replace(/\(\?P<\w+>/g, '(?:');
}
